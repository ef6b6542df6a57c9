import { HarnessError } from '../../common/harness-error.ts';
import type { Route } from './route-table.ts';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * `HASIVU_ADDED_DELAY_MS=getMenu:5,createOrder:20`: a fixed delay before the named functions
 * answer. Unlike the bad-release knobs (every function of a release), it slows one route
 * alone: the known shift that shows whether the load regression gate finds it, and only it.
 */
export function withAddedDelays(routes: readonly Route[], delays: Readonly<Record<string, number>>): Route[] {
  const known = new Set(routes.map((r) => r.functionName));
  const unknown = Object.keys(delays).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new HarnessError(
      'INVALID_PLATFORM_CONFIG',
      `HASIVU_ADDED_DELAY_MS names no function ${unknown.join(', ')}; use function names: ${[...known].sort().join(', ')}`,
    );
  }
  return routes.map((route) => {
    const ms = delays[route.functionName] ?? 0;
    if (ms <= 0) return route;
    return {
      ...route,
      handler: async (event, context) => {
        await pause(ms);
        return route.handler(event, context);
      },
    };
  });
}
