/**
 * Thrown by a fixture whose prerequisite failed (the session after a failed login): every
 * test that needs it becomes a `blocked` check naming the root cause, instead of a failure
 * repeating the same message. The root cause id travels in the message, the one part of an
 * error that survives vitest's serialisation between worker and reporter.
 */
export class BlockedError extends Error {
  override name = 'BlockedError';
  readonly blockedBy: string;

  constructor(blockedBy: string, reason: string) {
    super(`blocked by ${blockedBy}: ${reason}`);
    this.blockedBy = blockedBy;
  }
}

const BLOCKED = /^blocked by ([a-z0-9][a-z0-9_.:-]*): ([\s\S]*)$/i;

/** The root cause and reason of a serialised BlockedError, or undefined for any other error. */
export function parseBlocked(
  error: { name?: string; message?: string } | undefined,
): { blockedBy: string; reason: string } | undefined {
  if (error?.name !== 'BlockedError') return undefined;
  const match = error.message?.match(BLOCKED);
  return match?.[1] && match[2] !== undefined ? { blockedBy: match[1], reason: match[2] } : undefined;
}
