import { ApiClient } from '../fixtures/api-client/api-client.ts';
import { TargetUnreachableError } from '../fixtures/api-client/api-response.ts';

/** The check every other smoke check depends on: the target answering its health endpoint. */
export const ROOT_CAUSE_CHECK = 'smoke.health.comprehensive.contract';

/** Long enough for a cold start behind API Gateway, short enough to judge a dead target quickly. */
const PROBE_DEADLINE_MS = 5000;

export interface TargetDown {
  /** Why: e.g. "GET http://127.0.0.1:4010/health did not answer within 5000 ms". */
  reason: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    /** Set by the smoke global setup when the target did not answer at all; null when it did. */
    targetDown: TargetDown | null;
  }
}

/**
 * One request before any check: does the target answer at all? Any HTTP answer, even an error,
 * means it is alive and the checks judge it. No answer (refused, reset, silent, trickling past
 * the deadline) means every check that needs it would wait out its own deadline in turn.
 */
export async function probeTarget(
  baseUrl: string,
  requestTimeoutMs: number,
  maxResponseBytes: number,
): Promise<TargetDown | undefined> {
  const client = new ApiClient({ baseUrl, timeoutMs: Math.min(requestTimeoutMs, PROBE_DEADLINE_MS), maxResponseBytes });
  try {
    await client.get('/health');
    return undefined;
  } catch (error) {
    if (error instanceof TargetUnreachableError) return { reason: error.message };
    return undefined;
  } finally {
    await client.close();
  }
}
