import { setTimeout as delay } from 'node:timers/promises';

/** A probe without a timeout looks once: this is the deadline it is given. */
export const ONE_LOOK_MS = 1;

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
  options: {
    timeoutMs: number;
    intervalMs?: number;
    signal: AbortSignal;
    failure?: string;
    lastSeen?: () => string | undefined;
  },
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
      const when =
        options.timeoutMs <= ONE_LOOK_MS
          ? 'at the first look (the step has no timeoutMs)'
          : `within the deadline of ${options.timeoutMs} ms`;
      throw new ConditionTimeoutError(`${head} ${when} (waiting for ${what}${last ? `; last seen: ${last}` : ''})`);
    }
    try {
      await delay(Math.min(options.intervalMs ?? 100, Math.max(0, deadline - Date.now())), undefined, {
        signal: options.signal,
      });
    } catch {
      // The timer's own AbortError says nothing; the signal's reason says why (SIGINT, deadline).
      options.signal.throwIfAborted();
    }
  }
}
