import { expect } from 'vitest';
import { httpRequest } from '../../common/http-request.ts';
import { ErrorEnvelopeSchema } from '../../fixtures/platform-contract/error-envelope.ts';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, for tests that need the exact bytes (webhook signatures, malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Every test request has a deadline, so a hung platform fails the test instead of stalling the run. */
export const REQUEST_TIMEOUT_MS = 10_000;

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const answer = await httpRequest({
    method,
    url: new URL(path, baseUrl),
    headers,
    body,
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  const { status, text } = answer;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers: new Headers(Object.entries(answer.headers)), text, json };
}

/** Asserts the status, the error envelope, its code, and that its requestId is the response's x-request-id. */
export function expectError(response: ApiResponse, status: number, code: string): void {
  expect({ status: response.status, body: response.json }).toMatchObject({
    status,
    body: { error: { code } },
  });
  const envelope = ErrorEnvelopeSchema.parse(response.json);
  expect(envelope.error.requestId).toBe(response.headers.get('x-request-id'));
  // No stack trace or internals leak into the message.
  expect(response.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}
