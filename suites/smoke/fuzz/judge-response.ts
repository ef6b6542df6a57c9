import { z } from 'zod';
import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import { addition, published, type ContractSource } from '../../../fixtures/platform-contract/contract-source.ts';
import { QUOTES, type Endpoint } from '../../../fixtures/platform-contract/endpoints.ts';
import { ErrorEnvelopeSchema } from '../../../fixtures/platform-contract/error-envelope.ts';
import type { FuzzInput } from './fuzz-request.ts';

/** What is wrong with one answer, and whether PLATFORM-API.md or only the project says so. */
export interface Finding {
  problem: string;
  source: ContractSource;
}

type Part = 'path' | 'query' | 'headers' | 'body';

/** The issues of each part of the input the contract's request schemas refuse. */
function refusedParts(endpoint: Endpoint, input: FuzzInput): Map<Part, z.core.$ZodIssue[]> {
  const refused = new Map<Part, z.core.$ZodIssue[]>();
  for (const part of ['path', 'query', 'headers', 'body'] as const) {
    const schema = endpoint.request[part];
    const parsed = schema?.safeParse(input[part]);
    if (parsed && !parsed.success) refused.set(part, parsed.error.issues);
  }
  return refused;
}

/**
 * Where "a request like this must not succeed" comes from. PLATFORM-API.md says it of a
 * bad menu date or unknown id (path and query), of a bad or missing webhook signature,
 * of bad credentials, and of an order or intent body without a documented field or with
 * one of another JSON type. That a request without an Idempotency-Key, or with a value
 * outside the schema's bounds (an empty id, quantity 0), is refused is the project's reading.
 */
function sourceOfRefusal(endpoint: Endpoint, refused: Map<Part, z.core.$ZodIssue[]>): ContractSource {
  if (refused.has('path') || refused.has('query')) return published(QUOTES.menuBadDate);
  if (endpoint.id === 'payment-webhook') return published(QUOTES.webhookBadSignature);
  if (endpoint.id === 'login') return published(QUOTES.badCredentials);
  if (refused.get('body')?.some((issue) => issue.code === 'invalid_type')) return published(QUOTES.orderInvalid);
  const what = [...refused.entries()]
    .map(([part, issues]) => `${part}: ${issues.map((i) => `${i.path.join('.') || part} ${i.message}`).join('; ')}`)
    .join(' / ');
  return addition(`PLATFORM-API.md does not say that this must be refused (${what})`);
}

function json(response: ApiResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    return undefined;
  }
}

const statuses = (endpoint: Endpoint): string => endpoint.responses.map((r) => r.status).join(', ');

/**
 * What is wrong with the answer to a generated request, or undefined. Schemathesis's
 * core checks: no server error for any input, no 2xx for a request that breaks the
 * request schema, only documented status codes, and bodies that match their schema.
 */
export function judgeResponse(endpoint: Endpoint, input: FuzzInput, response: ApiResponse): Finding | undefined {
  const documented = endpoint.responses.find((r) => r.status === response.status);
  const undocumented = published(
    `${endpoint.method} ${endpoint.path} documents ${statuses(endpoint)} and nothing else`,
  );
  if (response.status >= 500)
    return {
      problem: `server error: answered ${response.status} (${response.text.slice(0, 120)})`,
      source: undocumented,
    };
  const refused = refusedParts(endpoint, input);
  if (refused.size > 0 && response.status < 300)
    return {
      problem: `accepted a request that breaks the contract's request schema with ${response.status}`,
      source: sourceOfRefusal(endpoint, refused),
    };
  if (!documented) {
    return {
      problem: `answered ${response.status}, which the contract does not document for ${endpoint.method} ${endpoint.path} (documented: ${statuses(endpoint)})`,
      source: undocumented,
    };
  }
  if (!response.requestId)
    return {
      problem: `answered ${response.status} without x-request-id`,
      source: published(QUOTES.requestId),
    };
  const body = json(response);
  if (body === undefined && documented.mediaTypeAddition)
    return {
      problem: `the ${response.status} body is not JSON`,
      source: addition(documented.mediaTypeAddition),
    };
  const schema = response.status >= 400 ? ErrorEnvelopeSchema : documented.schema;
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return {
      problem: `the ${response.status} body breaks its schema: ${z.prettifyError(parsed.error).slice(0, 300)}`,
      source: response.status >= 400 ? published(QUOTES.errorShape) : documented.source,
    };
  return undefined;
}
