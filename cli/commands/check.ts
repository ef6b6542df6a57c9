import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { parseCommandLine } from '../../common/command-line.ts';
import { COMMON_OPTIONS } from '../command-options.ts';
import { CHECK_USAGE, commandHelp } from '../usage.ts';
import { scoreAndGate } from './command-steps.ts';
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
  return scoreAndGate(environment.reportsDir, environment.profile, {
    ...(evidenceDirs.length > 0 ? { evidenceDirs } : {}),
    ...(values.history ? { historyDir: values.history } : {}),
  });
}
