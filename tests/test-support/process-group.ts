/**
 * Whether any process of group `pgid` still exists. Signal 0 only probes: it throws
 * ESRCH once the last member has exited, which is how the signal tests prove that no
 * child outlived the harness.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
