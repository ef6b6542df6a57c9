/**
 * An error the user can act on: a stable `code` for scripts and tests, a message
 * that names the field and the fix, and the process exit code it maps to.
 * Anything that is not a HarnessError is a bug in the harness and keeps its stack.
 */
export class HarnessError extends Error {
  readonly code: string;
  readonly exitCode: number;

  constructor(code: string, message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'HarnessError';
    this.code = code;
    // 2 = usage or configuration error, the gate's convention for "fix your input".
    this.exitCode = options.exitCode ?? 2;
  }
}

export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof HarnessError;
}
