import type { ParseArgsOptionsConfig } from 'node:util';
import { parseCommandLine } from '../../common/command-line.ts';
import type { Runner } from '../../runner/runner.ts';
import { runVitestSuite } from '../../runner/vitest-suite-runner.ts';

export const SMOKE_USAGE = `run smoke [--env <name>] [--tags <expression>]
  --tags <expression>   run only tests matching a vitest tag expression, e.g. "health" or "smoke && !business"`;

const SMOKE_OPTIONS = { tags: { type: 'string' } } as const satisfies ParseArgsOptionsConfig;

function parseSmokeArgs(args: string[]): { tags: string | undefined } {
  return { tags: parseCommandLine(args, SMOKE_OPTIONS, SMOKE_USAGE).values.tags };
}

/** Health, business flow and security checks against the target: the post-deploy smoke test. */
export const smokeRunner: Runner = {
  kind: 'smoke',
  summary: 'health endpoints, the ordering and payment flow, and auth refusals of the target',
  usage: SMOKE_USAGE,
  options: SMOKE_OPTIONS,
  checkArgs: (args) => void parseSmokeArgs(args),
  async run(context) {
    const { tags } = parseSmokeArgs(context.args);
    return runVitestSuite(context, { kind: 'smoke', projects: ['smoke'], tagsFilter: tags ? [tags] : [], category: 'smoke' });
  },
};
