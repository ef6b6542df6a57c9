import { setTimeout as delay } from 'node:timers/promises';

export class ConditionTimeoutError extends Error {
  override name = 'ConditionTimeoutError';
}

/**
 * Polls `probe` until it returns something other than `undefined`, the deadline passes, or
 * `signal` aborts. A probe that throws counts as "not yet"; the last thing it said is quoted,
 * with the deadline, when time runs out.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; signal: AbortSignal; failure?: string; lastSeen?: () => string | undefined },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: string | undefined;
  for (;;) {
    options.signal.throwIfAborted();
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = options.lastSeen?.();
    } catch (error) {
      options.signal.throwIfAborted();
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      const head = options.failure ?? `${what} did not happen`;
      throw new ConditionTimeoutError(`${head} within the deadline of ${options.timeoutMs} ms (waiting for ${what}${last ? `; last seen: ${last}` : ''})`);
    }
    await delay(Math.min(options.intervalMs ?? 100, Math.max(0, deadline - Date.now())), undefined, { signal: options.signal });
  }
}
