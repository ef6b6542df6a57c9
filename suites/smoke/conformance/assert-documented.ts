import { z } from 'zod';
import { jsonBody, TargetResponseError, type ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import { SENTENCES, type DocumentedResponse } from '../../../fixtures/platform-contract/endpoints.ts';
import { ErrorEnvelopeSchema } from '../../../fixtures/platform-contract/error-envelope.ts';
import { additionUnmet, ProjectAdditionUnmet } from '../../assertions/contract-verdict.ts';

/** A failure that quotes the contract sentence it breaks, so the reader knows which promise went. */
export function broken(sentence: string, problem: string): TargetResponseError {
  return new TargetResponseError(`breaks "${sentence}": ${problem}`);
}

const where = (r: ApiResponse): string => `${r.method} ${r.path}`;

export function expectRequestIdHeader(response: ApiResponse): void {
  if (!response.requestId)
    throw broken(SENTENCES.requestId, `${where(response)} (${response.status}) has no x-request-id header`);
}

/**
 * code, message and requestId, all three: the envelope a client's error handling relies on.
 * `codeAddition` says why the code is expected where PLATFORM-API.md names none.
 */
export function expectErrorEnvelope(response: ApiResponse, errorCode?: string, codeAddition?: string): void {
  const parsed = ErrorEnvelopeSchema.safeParse(safeJson(response));
  if (!parsed.success) {
    throw broken(
      SENTENCES.errorShape,
      `${where(response)} (${response.status}) body is not the error envelope:\n${z.prettifyError(parsed.error)}`,
    );
  }
  if (errorCode && parsed.data.error.code !== errorCode) {
    const problem = `${where(response)} error code is ${parsed.data.error.code}, the contract says ${errorCode}`;
    if (codeAddition) throw additionUnmet(codeAddition, problem);
    throw broken(
      SENTENCES.errorShape,
      `${where(response)} error code is ${parsed.data.error.code}, the contract says ${errorCode}`,
    );
  }
}

function safeJson(response: ApiResponse): unknown {
  try {
    return jsonBody(response);
  } catch {
    return undefined;
  }
}

const mediaTypeOf = (response: ApiResponse): string | undefined =>
  response.headers['content-type']?.split(';')[0]?.trim().toLowerCase();

/**
 * The response is the documented one: its status, its x-request-id, its media type, its
 * body against the schema, and for errors the envelope with the named code. When the
 * response is one the project added, any of that going wrong is the addition unmet.
 */
export function assertDocumented(response: ApiResponse, documented: DocumentedResponse): void {
  const { source } = documented;
  if (source.kind === 'published') return assertEveryPart(response, documented);
  try {
    assertEveryPart(response, documented);
  } catch (error) {
    if (error instanceof ProjectAdditionUnmet || !(error instanceof TargetResponseError)) throw error;
    throw additionUnmet(source.reason, error.message);
  }
}

function assertEveryPart(response: ApiResponse, documented: DocumentedResponse): void {
  if (response.status !== documented.status) {
    throw broken(
      documented.sentence,
      `${where(response)} answered ${response.status}, expected ${documented.status}; body starts: ${response.text.slice(0, 160)}`,
    );
  }
  expectRequestIdHeader(response);
  const mediaType = mediaTypeOf(response);
  if (mediaType !== documented.mediaType) {
    if (documented.mediaTypeAddition)
      throw additionUnmet(
        documented.mediaTypeAddition,
        `${where(response)} content-type is ${mediaType ?? 'missing'}, expected ${documented.mediaType}`,
      );
    throw broken(
      documented.mediaType === 'application/json' ? documented.sentence : SENTENCES.healthMediaType,
      `${where(response)} content-type is ${mediaType ?? 'missing'}, expected ${documented.mediaType}`,
    );
  }
  // The health endpoints' 503 is a health document, not the error envelope.
  if (documented.schema === ErrorEnvelopeSchema)
    return expectErrorEnvelope(response, documented.errorCode, documented.errorCodeAddition);
  const parsed = documented.schema.safeParse(safeJson(response));
  if (!parsed.success) {
    throw broken(
      documented.sentence,
      `${where(response)} body does not match the contract:\n${z.prettifyError(parsed.error)}`,
    );
  }
}

/** Times are ISO 8601 *UTC*: the schemas accept any offset, this insists on Z or +00:00. */
export function isUtcTimestamp(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]00:?00)$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** A 503 of a health endpoint says why: its document's overall status is `fail`. */
export function assertFailing(response: ApiResponse, documented: DocumentedResponse): void {
  const status = (safeJson(response) as { status?: unknown } | undefined)?.status;
  if (status !== 'fail')
    throw broken(
      documented.sentence,
      `${where(response)} answered ${response.status} with status ${JSON.stringify(status)}, not "fail"`,
    );
}
