import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Check, RunKind, RunResult } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

const HOUR = 3_600_000;
let root: string;

function check(id: string, category: Check['category'], overrides: Partial<Check> = {}): Check {
  return {
    id,
    title: id,
    category,
    severity: 'major',
    status: 'pass',
    durationMs: 5,
    ...overrides,
  };
}

async function writeResult(
  dir: string,
  kind: RunKind,
  checks: Check[],
  hoursAgo: number,
  commit: string,
): Promise<void> {
  const finished = new Date(Date.now() - hoursAgo * HOUR);
  const result: RunResult = {
    kind,
    environment: 'staging',
    target: 'http://127.0.0.1:9',
    startedAt: new Date(finished.getTime() - 60_000).toISOString(),
    finishedAt: finished.toISOString(),
    tool: { name: kind === 'load' ? 'k6' : 'vitest', version: '1' },
    checks,
    provenance: {
      releaseId: 'v42',
      commit,
      runUrl: `https://github.com/hasivu/platform/actions/runs/${commit}`,
      harnessVersion: '0.1.0',
    },
  };
  await mkdir(join(dir, 'results'), { recursive: true });
  await writeFile(join(dir, 'results', `${kind}.json`), JSON.stringify(result));
}

/** A post-deploy smoke artifact (smoke + contract, minutes old) and a nightly load artifact of `loadHoursAgo`. */
async function artifacts(
  name: string,
  loadHoursAgo: number,
  loadStatus: Check['status'] = 'pass',
): Promise<{ smoke: string; load: string; out: string }> {
  const smoke = join(root, name, 'smoke-results-staging');
  const load = join(root, name, 'load-results-staging');
  await writeResult(
    smoke,
    'smoke',
    [check('smoke.health', 'health'), check('smoke.flow', 'smoke'), check('smoke.auth', 'security')],
    0.1,
    'aaaa1111',
  );
  await writeResult(smoke, 'contract', [check('contract.web', 'contract')], 0.1, 'aaaa1111');
  await writeResult(
    load,
    'load',
    [
      check('load.sla.latency', 'performance', {
        status: loadStatus,
        message: 'p95 120 ms over 100 ms',
      }),
    ],
    loadHoursAgo,
    'bbbb2222',
  );
  return { smoke, load, out: join(root, name, 'out') };
}

function gate(dirs: { smoke: string; load: string; out: string }, env: Record<string, string> = {}) {
  return runCli(['check', '--env', 'staging', '--results', dirs.smoke, '--results', dirs.load], {
    HARNESS_BASE_URL: 'http://127.0.0.1:9',
    HARNESS_REPORTS_DIR: dirs.out,
    ...env,
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hasivu-check-dirs-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('check --results DIR (repeatable)', () => {
  test('a fresh smoke artifact and a last-night load artifact are judged together, with where each came from', async () => {
    const dirs = await artifacts('fresh', 20);
    const outcome = await gate(dirs);
    expect(outcome.stderr).not.toContain('error');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('verdict READY');
    expect(outcome.stdout).toMatch(
      /Evidence \(release v42\):\n {2}smoke: .*smoke-results-staging\/results\/smoke\.json, finished .*commit aaaa1111/,
    );
    expect(outcome.stdout).toMatch(
      /load: .*load-results-staging\/results\/load\.json, finished .*\(20 h ago\), commit bbbb2222, https:\/\/github\.com\/hasivu\/platform\/actions\/runs\/bbbb2222/,
    );
    const markdown = await readFile(join(dirs.out, 'scorecard.md'), 'utf8');
    expect(markdown).toContain('| load | `');
    expect(markdown).toContain('[run](https://github.com/hasivu/platform/actions/runs/bbbb2222)');
    // The HTML links evidence relative to itself, so it works from a downloaded artifact.
    const html = await readFile(join(dirs.out, 'scorecard.html'), 'utf8');
    expect(html).toContain('href="../load-results-staging/results/load.json"');
    expect(html).toContain('href="allure/index.html"');
    expect((await stat(join(dirs.out, 'allure', 'index.html'))).size).toBeGreaterThan(100_000);
  });

  test('stale load evidence makes the gate incomplete: exit 3, and the reason names it', async () => {
    const outcome = await gate(await artifacts('stale', 60));
    expect(outcome.code).toBe(3);
    expect(outcome.stdout).toContain('verdict INCOMPLETE');
    expect(outcome.stdout).toContain(
      'required category performance has no evaluated checks (stale, ignored: load 60 h old)',
    );
  });

  test('on GitHub Actions failed checks are also ::error annotations', async () => {
    const outcome = await gate(await artifacts('failing', 2, 'fail'), { GITHUB_ACTIONS: 'true' });
    expect(outcome.stdout).toContain('::error title=load.sla.latency::p95 120 ms over 100 ms');
  });

  test('runs from any working directory; reports go to ./reports/out of that directory', async () => {
    const dirs = await artifacts('elsewhere', 20);
    const cwd = join(root, 'elsewhere');
    const outcome = await runCli(
      ['check', '--env', 'staging', '--results', dirs.smoke, '--results', dirs.load],
      { HARNESS_BASE_URL: 'http://127.0.0.1:9' },
      90_000,
      cwd,
    );
    expect(outcome.code).toBe(0);
    expect((await stat(join(cwd, 'reports', 'out', 'scorecard.json'))).isFile()).toBe(true);
  });

  test('a directory without results/ is a usage error naming it', async () => {
    const outcome = await runCli(['check', '--env', 'staging', '--results', root], {
      HARNESS_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`--results ${root}: no results/ directory there`);
  });
});
