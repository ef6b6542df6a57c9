import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from './test-support/run-cli.ts';

const WORKFLOWS_DIR = join(PROJECT_ROOT, '.github', 'workflows');
const EXPECTED = ['dr-drill.yml', 'nightly-load.yml', 'post-deploy-smoke.yml', 'promotion-gate.yml'];

function answers(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** ACTIONLINT_BIN, else `actionlint` on PATH (scripts/bootstrap.sh builds it with Go). */
const actionlint = [process.env.ACTIONLINT_BIN, 'actionlint'].find((bin) => bin && answers(bin, ['-version']));
const goToolchain = answers('go', ['version']);

function lint(files: string[]): { status: number | null; output: string } {
  // -no-color: the output is asserted on and may land in a CI log.
  const run = spawnSync(actionlint ?? 'actionlint', ['-no-color', ...files], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('GitHub Actions workflows', () => {
  test('the four workflows exist', () => {
    expect(readdirSync(WORKFLOWS_DIR).sort()).toEqual(EXPECTED);
  });

  if (!actionlint && !goToolchain) {
    test.skip(
      'actionlint: skipped, no actionlint on PATH and no Go toolchain to build it (install Go, then scripts/bootstrap.sh)',
    );
    return;
  }

  test('actionlint is available (scripts/bootstrap.sh builds it when Go is installed)', () => {
    expect(actionlint, 'Go is installed but actionlint is not: run scripts/bootstrap.sh').toBeDefined();
  });

  test.runIf(actionlint)('actionlint passes on every workflow', () => {
    const { status, output } = lint(EXPECTED.map((name) => join(WORKFLOWS_DIR, name)));
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  const scratch = mkdtempSync(join(tmpdir(), 'hasivu-actionlint-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test.runIf(actionlint)('a workflow with a deliberate error fails the lint', () => {
    const broken = join(scratch, 'broken.yml');
    // An undefined job in `needs` and an unknown context: both mistakes a reviewer can miss.
    writeFileSync(
      broken,
      [
        'name: broken',
        'on: push',
        'jobs:',
        '  gate:',
        '    needs: [smoke]',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: echo "${{ secret.HARNESS_USER_PASSWORD }}"',
        '',
      ].join('\n'),
    );
    const { status, output } = lint([broken]);
    expect(status).toBe(1);
    expect(output).toMatch(/job "gate" needs job "smoke" which does not exist/);
    expect(output).toMatch(/undefined variable "secret"/);
  });
});
