import { assertWritableDir } from '../../common/writable-dir.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { takeEnvOption } from '../env-option.ts';
import { scoreAndGate } from './command-steps.ts';

/** `check`: the gate over results already written (e.g. by earlier CI jobs). */
export async function checkCommand(args: string[]): Promise<number> {
  const { env, rest } = takeEnvOption(args);
  if (rest.length > 0) throw new HarnessError('USAGE', `check takes only --env; unexpected ${rest.join(' ')}`);
  const environment = resolveProfile({ name: env });
  await assertWritableDir(environment.reportsDir, 'HARNESS_REPORTS_DIR');
  return scoreAndGate(environment.reportsDir, environment.profile);
}
