import { performance } from 'node:perf_hooks';
import { withTimeout } from '../../../../common/with-timeout.ts';
import type { CheckResult } from './health-types.ts';

/** Each dependency gets its own deadline, so one dead dependency cannot stall the whole probe. */
export const CHECK_TIMEOUT_MS = 800;
/** Slower than this is `warn`: still up, but eating the 100 ms health budget. */
export const WARN_ABOVE_MS = 200;

/**
 * Runs a dependency probe and reports it as a response-time check; an error or a timeout
 * is `fail`. The time is reported either way: the contract wants a number on every check.
 */
export async function timedCheck(
  what: string,
  probe: () => Promise<unknown>,
  options: { output?: string } = {},
): Promise<CheckResult> {
  const started = performance.now();
  const time = new Date().toISOString();
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
  try {
    await withTimeout(probe(), CHECK_TIMEOUT_MS, what);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      componentType: 'datastore',
      observedValue: elapsed(),
      observedUnit: 'ms',
      status: 'fail',
      time,
      output: `${what}: ${reason}`,
    };
  }
  const observedValue = elapsed();
  return {
    componentType: 'datastore',
    observedValue,
    observedUnit: 'ms',
    status: observedValue > WARN_ABOVE_MS ? 'warn' : 'pass',
    time,
    ...(options.output ? { output: options.output } : {}),
  };
}
