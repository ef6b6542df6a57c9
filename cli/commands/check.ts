import { parseArgs } from 'node:util';
import { HarnessError } from '../../common/harness-error.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { takeEnvOption } from '../env-option.ts';
import { scoreAndGate } from './command-steps.ts';
import { evidenceDir } from './evidence-dirs.ts';

function checkOptions(args: string[]): { results: string[]; history: string | undefined } {
  try {
    const { values } = parseArgs({
      args,
      options: { results: { type: 'string', multiple: true }, history: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    return { results: values.results ?? [], history: values.history };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new HarnessError(
      'USAGE',
      `check: ${message}; usage: check [--env <name>] [--results DIR]... [--history DIR]`,
    );
  }
}

/** `check`: the gate over results already written (e.g. by earlier CI jobs, downloaded as artifacts). */
export async function checkCommand(args: string[]): Promise<number> {
  const { env, rest } = takeEnvOption(args);
  const options = checkOptions(rest);
  const evidenceDirs = await Promise.all(options.results.map(evidenceDir));
  const environment = resolveProfile({ name: env });
  return scoreAndGate(environment.reportsDir, environment.profile, {
    ...(evidenceDirs.length > 0 ? { evidenceDirs } : {}),
    ...(options.history ? { historyDir: options.history } : {}),
  });
}
