import { lockDirectory } from '../../common/dir-lock.ts';
import { assertWritableDir } from '../../common/writable-dir.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { parseCommandOptions } from '../command-options.ts';
import { CHECK_USAGE, commandHelp } from '../usage.ts';
import { runDescription, scoreAndGate } from './command-steps.ts';

/** `check`: the gate over results already written (e.g. by earlier CI jobs). */
export async function checkCommand(args: string[]): Promise<number> {
  const { env, help } = parseCommandOptions(args, CHECK_USAGE);
  if (help) {
    process.stdout.write(commandHelp(CHECK_USAGE));
    return 0;
  }
  const environment = resolveProfile({ name: env });
  await assertWritableDir(environment.reportsDir, 'HARNESS_REPORTS_DIR');
  // Held to the end: a second run on the same directory is refused, never interleaved.
  using _lock = await lockDirectory(environment.reportsDir, runDescription(), 'HARNESS_REPORTS_DIR');
  return await scoreAndGate(environment.reportsDir, environment.profile);
}
