import { lambdaContext } from '../gateway/lambda-context.ts';
import type { PlatformHandler } from '../http/platform-handler.ts';
import { runWithRuntime, type PlatformRuntime } from '../runtime.ts';
import { functionError, type FunctionInstance } from './function-instance.ts';
import { withReleaseBehaviour } from './release-behaviour.ts';

/**
 * A version run inside the platform process on the platform's own runtime: what version 1
 * does unless HASIVU_ISOLATE_ALL_VERSIONS=on. Its init is the platform's start-up, so it
 * reports no Init Duration of its own.
 */
export function inProcessInstance(
  runtime: PlatformRuntime,
  functionName: string,
  version: string,
  handler: PlatformHandler,
): FunctionInstance {
  const run = withReleaseBehaviour(runtime.config.release, handler);
  return {
    initDurationMs: undefined,
    async invoke(event, timeoutMs) {
      try {
        const context = lambdaContext(functionName, timeoutMs, version);
        return { ok: true, result: await runWithRuntime(runtime, () => run(event, context)) };
      } catch (error) {
        return functionError(error);
      }
    },
    close: () => Promise.resolve(),
  };
}
