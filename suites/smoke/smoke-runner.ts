import type { ParseArgsOptionsConfig } from 'node:util';
import { createTagsFilter } from '@vitest/runner/utils';
import { parseCommandLine } from '../../common/command-line.ts';
import { HarnessError } from '../../common/harness-error.ts';
import type { Runner } from '../../runner/runner.ts';
import { runVitestSuite } from '../../runner/vitest-suite-runner.ts';
import { TEST_TAGS } from '../test-tags.ts';

export const SMOKE_USAGE = `run smoke [--env <name>] [--tags <expression>]
  --tags <expression>   run only tests matching a vitest tag expression, e.g. "health" or "smoke && !business"`;

const SMOKE_OPTIONS = { tags: { type: 'string' } } as const satisfies ParseArgsOptionsConfig;

/** A tag expression vitest would reject mid-run is a usage error before anything starts. */
function checkTags(expression: string): void {
  try {
    createTagsFilter([expression], TEST_TAGS);
  } catch (error) {
    const why = ((error as Error).message.split('\n')[0] ?? '').replace(/ Available tags are:$/, '');
    throw new HarnessError(
      'USAGE',
      `--tags "${expression}" is not a valid tag expression (${why}); use tags ${TEST_TAGS.map((t) => t.name).join(', ')} with &&, ||, ! and parentheses, e.g. "smoke && !business"`,
    );
  }
}

function parseSmokeArgs(args: string[]): { tags: string | undefined } {
  const { tags } = parseCommandLine(args, SMOKE_OPTIONS, SMOKE_USAGE).values;
  if (tags !== undefined) checkTags(tags);
  return { tags };
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
