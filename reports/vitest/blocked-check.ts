/**
 * A check not attempted because the check it depends on failed first. The message names the
 * root cause; `blockedBy` is read back from it by the RunResult reporter.
 */
export class BlockedError extends Error {
  override name = 'BlockedError';

  constructor(rootCheck: string, reason: string) {
    super(`blocked by ${rootCheck}: ${reason}`);
  }
}

/** `blocked by <id>: …` → `<id>`. */
export function blockedByOf(message: string | undefined): string | undefined {
  return /^blocked by (\S+?):/.exec(message ?? '')?.[1];
}
