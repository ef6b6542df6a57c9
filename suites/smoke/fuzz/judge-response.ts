import { z } from 'zod';
import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import type { Endpoint } from '../../../fixtures/platform-contract/endpoints.ts';
import { ErrorEnvelopeSchema } from '../../../fixtures/platform-contract/error-envelope.ts';
import type { FuzzInput } from './fuzz-request.ts';

/** Whether the input is one the contract's request schemas accept (path, query, headers, body). */
export function isValidInput(endpoint: Endpoint, input: FuzzInput): boolean {
  const { request } = endpoint;
  return (
    (!request.path || request.path.safeParse(input.path).success) &&
    (!request.query || request.query.safeParse(input.query).success) &&
    (!request.headers || request.headers.safeParse(input.headers).success) &&
    (!request.body || request.body.safeParse(input.body).success)
  );
}

function json(response: ApiResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with the answer to a generated request, or undefined. Schemathesis's
 * core checks: no server error for any input, no 2xx for a request that breaks the
 * request schema, only documented status codes, and bodies that match their schema.
 */
export function judgeResponse(
  endpoint: Endpoint,
  input: FuzzInput,
  response: ApiResponse,
): string | undefined {
  if (response.status >= 500)
    return `server error: answered ${response.status} (${response.text.slice(0, 120)})`;
  const valid = isValidInput(endpoint, input);
  if (!valid && response.status < 300)
    return `accepted a request that breaks the contract's request schema with ${response.status}`;
  const documented = endpoint.responses.find((r) => r.status === response.status);
  if (!documented) {
    return `answered ${response.status}, which the contract does not document for ${endpoint.method} ${endpoint.path} (documented: ${endpoint.responses.map((r) => r.status).join(', ')})`;
  }
  if (!response.requestId) return `answered ${response.status} without x-request-id`;
  const schema = response.status >= 400 ? ErrorEnvelopeSchema : documented.schema;
  const parsed = schema.safeParse(json(response));
  if (!parsed.success)
    return `the ${response.status} body breaks its schema: ${z.prettifyError(parsed.error).slice(0, 300)}`;
  return undefined;
}
