import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this long; the number is repeated in the error so a timeout explains itself. */
  timeoutMs: number;
  /** Pause between probes. */
  intervalMs?: number;
}

/** Told apart by class (instanceof), not by a code: it is not an error the user fixes. */
export class WaitTimeoutError extends Error {}

/**
 * Polls `probe` until it returns a value other than `undefined`, or the deadline passes.
 * A probe that throws counts as "not yet"; its last error is quoted on timeout.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs, intervalMs = 50 }: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new WaitTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}
