import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from './test-support/run-cli.ts';

let reportsDir = '';
beforeEach(async () => {
  reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
});
afterEach(async () => {
  await rm(reportsDir, { recursive: true, force: true });
});

/** A usage or configuration error: exit 2, a single `error:` message, never a stack trace. */
function expectUsageError(outcome: { code: number | null; stderr: string }, says: RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toMatch(/^error: /);
  expect(outcome.stderr).toMatch(says);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
}

describe('the CLI refuses bad input with exit code 2 and says how to fix it', () => {
  test('--help prints the commands and exits 0', async () => {
    const outcome = await runCli(['--help'], {});
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('hasivu-verify verify [--env <name>]');
    expect(outcome.stdout).toContain('check [--env <name>] [--results DIR]... [--history DIR]');
    // Every exit code a pipeline can branch on.
    expect(outcome.stdout).toMatch(
      /exit codes:\n {2}0 +ready[^\n]*\n {2}1 +not ready[^\n]*\n {2}2 +usage[^\n]*\n {2}3 +incomplete[^\n]*\n {2}130 +interrupted/,
    );
  });

  test.each([
    [['verify', '--help'], 'usage: node cli/main.ts verify [--env <name>]'],
    [['check', '--help'], 'usage: node cli/main.ts check [--env <name>]'],
    [['run', '--help'], 'usage: node cli/main.ts run <kind>'],
    [['run', 'smoke', '--help'], 'usage: node cli/main.ts run smoke [--env <name>] [--tags <expression>]'],
    [['run', 'load', '-h'], 'usage: node cli/main.ts run load'],
  ])('%j prints its usage, exits 0 and starts nothing', async (args, usage) => {
    const out = join(reportsDir, 'never-written');
    // A profile that cannot even resolve: help must not get as far as reading it.
    const outcome = await runCli(args, { HARNESS_REPORTS_DIR: out, HARNESS_SLA_BUSINESS_P95_MS: 'soon' });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(usage);
    expect(outcome.stderr).toBe('');
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  test("a command option it does not know, with that command's usage", async () => {
    expectUsageError(
      await runCli(['verify', '--bogus'], {}),
      /Unknown option '--bogus'[\s\S]*usage: verify \[--env <name>\]/,
    );
  });

  test('an unknown command', async () => {
    expectUsageError(await runCli(['deploy'], {}), /unknown command "deploy"; use verify, run <kind>, check or init/);
  });

  test('an unknown suite', async () => {
    expectUsageError(
      await runCli(['run', 'smok'], {}),
      /unknown suite "smok"; use one of smoke, contract, integration, load, chaos/,
    );
  });

  test('an unknown runner option fails before anything starts', async () => {
    expectUsageError(
      await runCli(['run', 'smoke', '--tagz', 'x'], {}),
      /Unknown option '--tagz'[\s\S]*usage: run smoke/,
    );
  });

  test('invalid variables are all listed, each with its fix', async () => {
    const outcome = await runCli(['run', 'smoke'], {
      HARNESS_BASE_URL: 'not a url',
      HARNESS_SLA_BUSINESS_P95_MS: 'soon',
      HARNESS_REPORTS_DIR: reportsDir,
    });
    expectUsageError(
      outcome,
      /HARNESS_SLA_BUSINESS_P95_MS="soon" is not a number[\s\S]*target\.baseUrl: .*HARNESS_BASE_URL/,
    );
  });

  test('a remote profile without a base URL names the variable to set', async () => {
    expectUsageError(
      await runCli(['check', '--env', 'production'], {}),
      /set HARNESS_BASE_URL=https:\/\/<the production API>/,
    );
  });

  test('a corrupt result file is named with the fix, and the other results stay as they were', async () => {
    await mkdir(join(reportsDir, 'results'), { recursive: true });
    const smoke = join(reportsDir, 'results', 'smoke.json');
    await writeFile(join(reportsDir, 'results', 'load.json'), '{"kind": "load", truncated');
    await writeFile(smoke, '{"kind":"smoke"}');
    const outcome = await runCli(['check'], {
      HARNESS_BASE_URL: 'http://127.0.0.1:9',
      HARNESS_REPORTS_DIR: reportsDir,
    });
    expectUsageError(outcome, /results\/load\.json is not valid JSON; delete it and run the load suite again/);
    expect(await readFile(smoke, 'utf8')).toBe('{"kind":"smoke"}');
  });

  test('check with no results is incomplete, exit 3, and still writes the scorecard', async () => {
    const outcome = await runCli(['check'], {
      HARNESS_BASE_URL: 'http://127.0.0.1:9',
      HARNESS_REPORTS_DIR: reportsDir,
    });
    expect(outcome.code).toBe(3);
    expect(outcome.stdout).toContain('verdict INCOMPLETE');
    const card = JSON.parse(await readFile(join(reportsDir, 'scorecard.json'), 'utf8')) as { verdict: string };
    expect(card.verdict).toBe('incomplete');
  });
});
