import { isErrorCode, type ErrorCode } from '../../common/error-codes.ts';
import { HarnessError } from '../../common/harness-error.ts';

/**
 * vitest catches what its globalSetup throws and reports it as a failed run, so a HarnessError
 * (an image that cannot be had, a port that is taken) would reach the CLI only as "no results".
 * The global setup runs in the runner's own process, so it leaves the error here and the runner
 * rethrows it: the CLI then prints it as one `error:` line and exits 2, like every other setup error.
 * A global symbol, because vitest loads the setup file (and its imports) as separate module instances.
 */
const KEY = Symbol.for('hasivu-verify.integration.setup-failure');
type Holder = Record<symbol, unknown>;

export function recordSetupFailure(error: unknown): void {
  (globalThis as unknown as Holder)[KEY] = error;
}

interface HarnessErrorShape {
  name: 'HarnessError';
  code: ErrorCode;
  message: string;
  exitCode: number;
}

function looksLikeHarnessError(error: unknown): error is HarnessErrorShape {
  const e = error as Partial<HarnessErrorShape> | null;
  return (
    e?.name === 'HarnessError' && typeof e.code === 'string' && isErrorCode(e.code) && typeof e.exitCode === 'number'
  );
}

/**
 * The HarnessError the last global setup failed with, if any, as an instance of this module's
 * class (vitest's copy of the class fails `instanceof` here). Reading it clears it.
 */
export function takeSetupFailure(): HarnessError | undefined {
  const holder = globalThis as unknown as Holder;
  const error = holder[KEY];
  delete holder[KEY];
  if (!looksLikeHarnessError(error)) return undefined;
  return new HarnessError(error.code, error.message, { cause: error });
}
