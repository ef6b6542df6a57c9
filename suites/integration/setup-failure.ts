/**
 * vitest catches what its globalSetup throws and reports it as a failed run, so a HarnessError
 * (an image that cannot be had, a port that is taken) would reach the CLI only as "no results".
 * The global setup runs in the runner's own process, so it leaves the error here and the runner
 * rethrows it: the CLI then prints it as one `error:` line and exits 2, like every other setup error.
 * A global symbol, because vitest may load the setup file as a separate module instance.
 */
const KEY = Symbol.for('hasivu-verify.integration.setup-failure');
type Holder = Record<symbol, unknown>;

export function recordSetupFailure(error: unknown): void {
  (globalThis as unknown as Holder)[KEY] = error;
}

/** The error the last global setup failed with, if any; reading it clears it. */
export function takeSetupFailure(): unknown {
  const holder = globalThis as unknown as Holder;
  const error = holder[KEY];
  delete holder[KEY];
  return error;
}
