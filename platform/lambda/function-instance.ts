import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** How one invocation ended: a result, or a function error (Lambda's `Unhandled`). */
export type InvokeOutcome =
  { ok: true; result: APIGatewayProxyStructuredResultV2 } | { ok: false; errorType: string; errorMessage: string };

/** One running execution environment of one function version. */
export interface FunctionInstance {
  /** Init Duration: from start until the instance could take its first invocation. */
  readonly initDurationMs: number | undefined;
  invoke(event: APIGatewayProxyEventV2, timeoutMs: number): Promise<InvokeOutcome>;
  close(): Promise<void>;
}

/** Turns what a handler threw into Lambda's error fields; the stack never leaves the instance. */
export function functionError(error: unknown): InvokeOutcome {
  return {
    ok: false,
    errorType: error instanceof Error ? error.name : 'Error',
    errorMessage: error instanceof Error ? error.message : String(error),
  };
}
