import { HarnessError } from '../../common/harness-error.ts';

/** A drill that cannot run as written: exit 2, nothing injected, every problem named at once. */
export function drillError(source: string, problems: readonly string[]): HarnessError {
  return new HarnessError(
    'INVALID_DRILL',
    `drill ${source} is not valid; nothing was injected:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}
