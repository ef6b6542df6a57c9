import { withTimeout } from '../../common/with-timeout.ts';
import { EXECUTED_VERSION_HEADER } from '../../common/aws-shapes/lambda.ts';
import { LIVE_ALIAS } from '../../common/aws-shapes/control-api.ts';
import type { PlatformHandler } from '../http/platform-handler.ts';
import { errorResult } from '../http/responses.ts';
import { pickVersion } from './alias-routing.ts';
import type { FunctionRegistry } from './function-registry.ts';
import type { InvokeOutcome } from './function-instance.ts';
import type { InstancePool } from './instance-pool.ts';

const TIMEOUT_MARGIN_MS = 5;
/** Lambda's errorType for an invocation that ran out of time; it counts as an Error. */
const TIMED_OUT = 'Sandbox.Timedout';

/** One finished invocation, as the Lambda metrics count it. */
export interface InvocationSample {
  functionName: string;
  version: string;
  at: number;
  durationMs: number;
  error: boolean;
}

export interface AliasInvokerDeps {
  registry: FunctionRegistry;
  pool: InstancePool;
  /** Runs the invocation through whatever faults are active for this version (FIS). */
  withFaults: (functionName: string, version: string, invoke: () => Promise<InvokeOutcome>) => Promise<InvokeOutcome>;
  record: (sample: InvocationSample) => void;
  random?: () => number;
  now?: () => number;
}

/**
 * The handler the gateway calls for a function: resolve the `live` alias by weight, run
 * the chosen version's instance (through any active fault), count it, and answer as API
 * Gateway does: the function's result, or 500 when the function failed. Every answer
 * says which version ran.
 */
export function aliasInvoker(deps: AliasInvokerDeps, functionName: string): PlatformHandler {
  const now = deps.now ?? Date.now;
  return async (event, context) => {
    const random = deps.random ?? Math.random;
    const leak = deps.registry.leakOf(functionName, LIVE_ALIAS);
    const version =
      leak && random() < leak.share
        ? leak.version
        : pickVersion(deps.registry.routing(functionName, LIVE_ALIAS), random);
    const started = performance.now();
    // Lambda's Duration metric leaves out the time to get an instance (Init Duration is reported
    // apart): a cold start must not look like a slow release to the Duration alarm.
    let acquireMs = 0;
    // A few ms inside the gateway's own deadline, so a timeout is counted and answered here.
    const timeoutMs = Math.max(1, context.getRemainingTimeInMillis() - TIMEOUT_MARGIN_MS);
    const invocation = deps.withFaults(functionName, version, async () => {
      try {
        const acquiring = performance.now();
        const instance = await deps.pool.get(functionName, version);
        acquireMs = performance.now() - acquiring;
        const result = await instance.invoke(event, timeoutMs);
        if (!result.ok && result.errorType === 'Runtime.ExitError') deps.pool.discard(functionName, version);
        return result;
      } catch (error) {
        return {
          ok: false,
          errorType: 'Runtime.InitError',
          errorMessage: error instanceof Error ? error.message : String(error),
        };
      }
    });
    // The invocation never rejects (its failures are outcomes), so only the deadline lands in
    // catch: answered as failed, like a Lambda timeout; the handler is left to settle on its own.
    const outcome = await withTimeout(invocation, timeoutMs, `${functionName}:${version}`).catch((): InvokeOutcome => ({
      ok: false,
      errorType: TIMED_OUT,
      errorMessage: `Task timed out after ${timeoutMs} ms`,
    }));
    const durationMs = performance.now() - started - acquireMs;
    deps.record({ functionName, version, at: now(), durationMs, error: !outcome.ok });
    const requestId = event.requestContext.requestId;
    const result = outcome.ok
      ? outcome.result
      : outcome.errorType === TIMED_OUT
        ? errorResult(504, 'GATEWAY_TIMEOUT', `${functionName} did not answer within ${timeoutMs} ms`, requestId)
        : errorResult(
            500,
            'FUNCTION_ERROR',
            `Internal Server Error: ${functionName}:${version} failed (${outcome.errorType})`,
            requestId,
          );
    return {
      ...result,
      headers: {
        ...result.headers,
        [EXECUTED_VERSION_HEADER]: version,
        ...(outcome.ok ? {} : { 'x-amz-function-error': 'Unhandled' }),
      },
    };
  };
}
