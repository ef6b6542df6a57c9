import { parseArgs } from 'node:util';
import { HarnessError } from '../../common/harness-error.ts';
import type { Runner } from '../../cli/runner.ts';
import { runVitestSuite } from '../../cli/vitest-suite-runner.ts';

export const SMOKE_USAGE = `run smoke [--tags <expression>]
  --tags <expression>   run only tests matching a vitest tag expression, e.g. "health" or "smoke && !business"`;

/** Health, business flow and security checks against the target: the post-deploy smoke test. */
export const smokeRunner: Runner = {
  kind: 'smoke',
  summary: 'health endpoints, the ordering and payment flow, and auth refusals of the target',
  async run(context) {
    let tags: string | undefined;
    try {
      ({ values: { tags } } = parseArgs({ args: context.args, options: { tags: { type: 'string' } }, strict: true }));
    } catch (error) {
      throw new HarnessError('USAGE', `${(error as Error).message}\nusage: ${SMOKE_USAGE}`);
    }
    return runVitestSuite(context, { kind: 'smoke', projects: ['smoke'], tagsFilter: tags ? [tags] : [], category: 'smoke' });
  },
};
