import type { z } from 'zod';
import { preview } from '../../common/redact.ts';
import { zodProblems } from '../../common/zod-problems.ts';
import { jsonBody, TargetResponseError, type ApiResponse } from '../../fixtures/api-client/api-response.ts';
import { ErrorEnvelopeSchema } from '../../fixtures/platform-contract/error-envelope.ts';

/** Parses a response body against a contract schema, failing with every mismatch and its path. */
export function parseContract<S extends z.ZodType>(schema: S, response: ApiResponse): z.infer<S> {
  const body = jsonBody(response);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new TargetResponseError(
    `${response.method} ${response.path} (${response.status}) does not match the contract:\n${zodProblems(parsed.error, body, 'body').join('\n')}`,
  );
}

export function expectStatus(response: ApiResponse, expected: number, why: string): void {
  if (response.status === expected) return;
  throw new TargetResponseError(
    `${response.method} ${response.path} answered ${response.status}, expected ${expected} (${why}); ` +
      `body starts: ${preview(response.text, 160)}`,
  );
}

/** An error response: the status, the envelope shape, and the code. */
export function expectError(response: ApiResponse, status: number, code: string | undefined, why: string): void {
  expectStatus(response, status, why);
  const envelope = parseContract(ErrorEnvelopeSchema, response);
  if (code && envelope.error.code !== code) {
    throw new TargetResponseError(
      `${response.method} ${response.path} answered error code ${envelope.error.code}, expected ${code} (${why})`,
    );
  }
}

export function expectRequestId(response: ApiResponse): void {
  if (!response.requestId) {
    throw new TargetResponseError(
      `${response.method} ${response.path} has no x-request-id header; every response must carry one`,
    );
  }
}

/** A business call slower than the SLA fails its check, with the measured time in the message. */
export function expectWithinSla(response: ApiResponse, limitMs: number): void {
  if (response.durationMs < limitMs) return;
  throw new TargetResponseError(
    `${response.method} ${response.path} took ${response.durationMs} ms; the SLA is under ${limitMs} ms (sla.businessP95Ms)`,
  );
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
