import { ERROR_CODES, type ErrorCode } from './error-codes.ts';

/**
 * An error the user can act on: a stable `code` for scripts and tests, a message
 * that names the field and the fix, and the process exit code its code maps to
 * (common/error-codes.ts). Anything that is not a HarnessError is a bug in the
 * harness and keeps its stack.
 */
export class HarnessError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'HarnessError';
    this.code = code;
    this.exitCode = ERROR_CODES[code].exitCode;
  }
}

export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof HarnessError;
}
