import type { ReleaseBehaviour } from '../../common/aws-shapes/lambda.ts';
import type { PlatformHandler } from '../http/platform-handler.ts';
import { errorResult } from '../http/responses.ts';

/** The environment a version is published with carries its bug, as a real build carries it in its code. */
export function releaseBehaviourEnv(behaviour: ReleaseBehaviour): Record<string, string> {
  const env: Record<string, string> = {};
  if (behaviour.errorRate !== undefined) env.HASIVU_RELEASE_ERROR_RATE = String(behaviour.errorRate);
  if (behaviour.addedLatencyMs !== undefined) env.HASIVU_RELEASE_ADDED_LATENCY_MS = String(behaviour.addedLatencyMs);
  if (behaviour.statusCode !== undefined) env.HASIVU_RELEASE_STATUS_CODE = String(behaviour.statusCode);
  return env;
}

/** What a bad release throws: an unhandled error, which Lambda reports as a function error. */
export class ReleaseFault extends Error {
  override readonly name = 'ReleaseFault';
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Wraps a handler so it misbehaves the way the release says: slower, throwing for a share
 * of invocations (outside the handler's own error envelope, so Lambda sees an error), or
 * answering a fixed status. A release with no knobs set returns the handler unchanged.
 */
export function withReleaseBehaviour(
  behaviour: ReleaseBehaviour,
  handler: PlatformHandler,
  random: () => number = Math.random,
): PlatformHandler {
  const { errorRate = 0, addedLatencyMs = 0, statusCode } = behaviour;
  if (errorRate === 0 && addedLatencyMs === 0 && statusCode === undefined) return handler;
  return async (event, context) => {
    if (addedLatencyMs > 0) await pause(addedLatencyMs);
    if (errorRate > 0 && random() < errorRate)
      throw new ReleaseFault(`release of ${context.functionName}:${context.functionVersion} failed`);
    if (statusCode !== undefined)
      return errorResult(
        statusCode,
        'RELEASE_STATUS',
        `This release answers ${statusCode}`,
        event.requestContext.requestId,
      );
    return handler(event, context);
  };
}
