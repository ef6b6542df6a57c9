import { parseArgs } from 'node:util';
import { HarnessError } from '../../common/harness-error.ts';
import type { Runner } from '../../runner/runner.ts';
import { runVitestSuite } from '../../runner/vitest-suite-runner.ts';

export const SMOKE_USAGE = `run smoke [--env <name>] [--tags <expression>]
  --tags <expression>   run only tests matching a vitest tag expression, e.g. "health" or "smoke && !business"`;

function parseSmokeArgs(args: string[]): { tags: string | undefined } {
  try {
    const { values } = parseArgs({ args, options: { tags: { type: 'string' } }, strict: true });
    return { tags: values.tags };
  } catch (error) {
    throw new HarnessError('USAGE', `${(error as Error).message}\nusage: ${SMOKE_USAGE}`);
  }
}

/** Health, business flow and security checks against the target: the post-deploy smoke test. */
export const smokeRunner: Runner = {
  kind: 'smoke',
  summary: 'health endpoints, the ordering and payment flow, and auth refusals of the target',
  usage: SMOKE_USAGE,
  checkArgs: (args) => void parseSmokeArgs(args),
  async run(context) {
    const { tags } = parseSmokeArgs(context.args);
    return runVitestSuite(context, { kind: 'smoke', projects: ['smoke'], tagsFilter: tags ? [tags] : [], category: 'smoke' });
  },
};
