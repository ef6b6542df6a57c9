import { lockDirectory } from '../../common/dir-lock.ts';
import { assertWritableDir } from '../../common/writable-dir.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { parseCommandLine } from '../../common/command-line.ts';
import { COMMON_OPTIONS } from '../command-options.ts';
import { CHECK_USAGE, commandHelp } from '../usage.ts';
import { runDescription, scoreAndGate } from './command-steps.ts';
import { evidenceDir } from './evidence-dirs.ts';

const CHECK_OPTIONS = {
  ...COMMON_OPTIONS,
  results: { type: 'string', multiple: true },
  history: { type: 'string' },
} as const;

/** `check`: the gate over results already written (e.g. by earlier CI jobs, downloaded as artifacts). */
export async function checkCommand(args: string[]): Promise<number> {
  const { values } = parseCommandLine(args, CHECK_OPTIONS, CHECK_USAGE);
  if (values.help === true) {
    process.stdout.write(commandHelp(CHECK_USAGE));
    return 0;
  }
  const evidenceDirs = await Promise.all((values.results ?? []).map(evidenceDir));
  const environment = resolveProfile({ name: values.env });
  await assertWritableDir(environment.reportsDir, 'HARNESS_REPORTS_DIR');
  // Held to the end: a second run on the same directory is refused, never interleaved.
  using _lock = await lockDirectory(environment.reportsDir, runDescription(), 'HARNESS_REPORTS_DIR');
  return await scoreAndGate(environment.reportsDir, environment.profile, {
    ...(evidenceDirs.length > 0 ? { evidenceDirs } : {}),
    ...(values.history ? { historyDir: values.history } : {}),
  });
}
