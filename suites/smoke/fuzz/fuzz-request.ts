import { joinUrl } from '../../../fixtures/api-client/join-url.ts';
import type { Endpoint } from '../../../fixtures/platform-contract/endpoints.ts';

/** One generated request: the parts of an operation, as a single JSON tree so mutations can reach any of them. */
export interface FuzzInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

export interface FuzzRequest {
  method: 'GET' | 'POST';
  /** Path with its query string, relative to the base URL. */
  target: string;
  headers: Record<string, string>;
  /** Sent as is; undefined sends no body. */
  body: string | undefined;
}

/** A header value must be visible ASCII to be sent at all: anything else becomes its JSON text, or is dropped. */
function headerValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[\x20-\x7e]*$/.test(text) ? text : undefined;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

/**
 * The HTTP request for an input: path parameters encoded into the template, the rest as
 * query, headers and a JSON body. `sent` is the input as the server receives it (values
 * as text, unsendable headers dropped), which is what a response must be judged against.
 */
export function toRequest(
  endpoint: Endpoint,
  input: FuzzInput,
  token: string | undefined,
): { request: FuzzRequest; sent: FuzzInput } {
  const textual = (record: Record<string, unknown>): Record<string, string> =>
    Object.fromEntries(
      Object.entries(record)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]): [string, string] => [key, asText(value)]),
    );
  const pathParams = textual(input.path);
  const query = textual(input.query);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    const text = headerValue(value);
    if (text !== undefined) headers[name] = text;
  }
  const sent: FuzzInput = { path: pathParams, query, headers: { ...headers }, body: input.body };
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name] ?? ''));
  const search = new URLSearchParams(query).toString();
  if (token) headers.authorization = `Bearer ${token}`;
  const body = endpoint.request.body && input.body !== undefined ? JSON.stringify(input.body) : undefined;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return {
    request: {
      method: endpoint.method,
      target: search ? `${path}?${search}` : path,
      headers,
      body,
    },
    sent,
  };
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** The request as a shell command a person can paste to reproduce it. */
export function toCurl(baseUrl: string, request: FuzzRequest): string {
  const parts = ['curl', '-i', '-X', request.method, quote(joinUrl(baseUrl, request.target).href)];
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', quote(`${name}: ${value}`));
  if (request.body !== undefined) parts.push('--data-raw', quote(request.body));
  return parts.join(' ');
}
