import { join } from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import { createTagsFilter } from '@vitest/runner/utils';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { parseCommandLine } from '../../common/command-line.ts';
import { HarnessError } from '../../common/harness-error.ts';
import type { Runner } from '../../runner/runner.ts';
import { runVitestSuite } from '../../runner/vitest-suite-runner.ts';
import { platformOpenApiText } from '../../fixtures/platform-contract/openapi.ts';
import { TEST_TAGS } from '../test-tags.ts';

export const SMOKE_USAGE = `run smoke [--env <name>] [--tags <expression>] [--no-fuzz]
  --tags <expression>   run only tests matching a vitest tag expression, e.g. "health" or "smoke && !business"
  --no-fuzz             leave out the fuzz step (requests generated from the contract, HARNESS_FUZZ_BUDGET_MS,
                        15 s by default, seeded by HARNESS_FUZZ_SEED); it never runs on a production profile
  --fuzz                the default, kept for older scripts`;

const SMOKE_OPTIONS = {
  tags: { type: 'string' },
  fuzz: { type: 'boolean' },
  'no-fuzz': { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

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

interface SmokeArgs {
  tags: string | undefined;
  noFuzz: boolean;
}

function parseSmokeArgs(args: string[]): SmokeArgs {
  const { values } = parseCommandLine(args, SMOKE_OPTIONS, SMOKE_USAGE);
  if (values.tags !== undefined) checkTags(values.tags);
  if (values.fuzz && values['no-fuzz'])
    throw new HarnessError('USAGE', `--fuzz and --no-fuzz contradict each other; give one\nusage: ${SMOKE_USAGE}`);
  return { tags: values.tags, noFuzz: values['no-fuzz'] ?? false };
}

/**
 * The tag filters: the user's expression, and without the fuzz step only when asked. The
 * fuzz step is part of every smoke run (on production it skips itself), so generated
 * negatives run in the main job and the post-deploy smoke, within their budget.
 */
export function smokeTagsFilter({ tags, noFuzz }: SmokeArgs): string[] {
  return [...(tags ? [tags] : []), ...(noFuzz ? ['!fuzz'] : [])];
}

/** Health, business flow, conformance and security checks against the target: the post-deploy smoke test. */
export const smokeRunner: Runner = {
  kind: 'smoke',
  summary:
    'health endpoints, the ordering and payment flow, the whole contract (conformance) and auth refusals of the target',
  usage: SMOKE_USAGE,
  options: SMOKE_OPTIONS,
  checkArgs: (args) => void parseSmokeArgs(args),
  async run(context) {
    const args = parseSmokeArgs(context.args);
    // The contract the checks hold the target to, for other API tools (docs/contract.md).
    await writeFileAtomic(join(context.environment.reportsDir, 'openapi.json'), platformOpenApiText());
    return runVitestSuite(context, {
      kind: 'smoke',
      projects: ['smoke'],
      tagsFilter: smokeTagsFilter(args),
      category: 'smoke',
    });
  },
};
