import { assertWritableDir } from '../../common/writable-dir.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { buildScorecard } from '../../reports/scorecard/build-scorecard.ts';
import type { Verdict } from '../../reports/scorecard/scorecard.ts';
import { renderTerminal } from '../../reports/renderers/terminal-table.ts';
import { logLine, printResult } from '../console-log.ts';
import { takeEnvOption } from '../env-option.ts';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';

export function exitCodeFor(verdict: Verdict): number {
  return verdict === 'ready' ? 0 : 1;
}

/** Builds, writes and prints the scorecard; returns the gate's exit code. */
export async function scoreAndGate(reportsDir: string, profile: Profile): Promise<number> {
  const { scorecard, files } = await buildScorecard(reportsDir, profile);
  printResult(renderTerminal(scorecard));
  logLine(`scorecard: ${files.join(', ')}`);
  return exitCodeFor(scorecard.verdict);
}

/** `check`: the gate over results already written (e.g. by earlier CI jobs). */
export async function checkCommand(args: string[]): Promise<number> {
  const { env, rest } = takeEnvOption(args);
  if (rest.length > 0) throw new HarnessError('USAGE', `check takes only --env; unexpected ${rest.join(' ')}`);
  const environment = resolveProfile({ name: env });
  await assertWritableDir(environment.reportsDir, 'HARNESS_REPORTS_DIR');
  return scoreAndGate(environment.reportsDir, environment.profile);
}
