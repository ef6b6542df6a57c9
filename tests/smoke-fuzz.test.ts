import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Breakage } from '../fixtures/fake-platform/faults.ts';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { FUZZ_DEFAULTS } from '../suites/smoke/fuzz/fuzz-settings.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

const ACCOUNT = {
  email: 'parent@fake.hasivu.test',
  password: 'Fz4p-Nw8q-Kd3s',
  webhookSecret: 'Wf6h-Jt2v-Mb9c',
};

/** `run smoke --tags fuzz` with the default budget and seed against the fake platform. */
async function fuzz(breakage: Breakage, env: Record<string, string> = {}) {
  await using fake = await startFakePlatform({ ...ACCOUNT, breakage });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-fuzz-'));
  try {
    const started = Date.now();
    const outcome = await runCli(['run', 'smoke', '--tags', 'fuzz'], {
      HARNESS_BASE_URL: fake.url,
      HARNESS_USER_EMAIL: ACCOUNT.email,
      HARNESS_USER_PASSWORD: ACCOUNT.password,
      HARNESS_REPORTS_DIR: reportsDir,
      // The product's default, not the short one other tests give every smoke run.
      HARNESS_FUZZ_BUDGET_MS: String(FUZZ_DEFAULTS.budgetMs),
      ...env,
    });
    const result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')));
    const checks = result.checks.filter((c) => c.id.startsWith('smoke.fuzz.'));
    return { outcome, checks, elapsedMs: Date.now() - started };
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}

describe('the fuzz step, black-box', () => {
  test('finds the planted 500 on an order whose items hold null, within its default budget, with a curl line', async () => {
    const { outcome, checks, elapsedMs } = await fuzz('null-item-500');
    expect(outcome.code).toBe(1);
    const orders = checks.find((c) => c.id === 'smoke.fuzz.orders-create');
    expect(orders?.status).toBe('fail');
    expect(orders?.message).toMatch(/server error: answered 500/);
    expect(orders?.message).toMatch(
      /reproduce: curl -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/orders' .*-H 'idempotency-key: [^']+'.*--data-raw '\{.*"items":\[/,
    );
    expect(orders?.message).toMatch(/HARNESS_FUZZ_SEED=\d+/);
    // The bearer token is a secret: the curl line carries it redacted.
    expect(orders?.message).not.toMatch(/Bearer fake\./);
    expect(checks.filter((c) => c.id !== 'smoke.fuzz.orders-create' && c.status !== 'pass')).toEqual([]);
    // A deadline for the test, not a timing target: the budget (about 15 s) plus start-up.
    expect(elapsedMs).toBeLessThan(60_000);
  });

  test('reports nothing on an honest fake', async () => {
    const { outcome, checks } = await fuzz('none');
    expect(checks.length).toBe(6);
    expect(checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(outcome.code).toBe(0);
  });

  test('the same seed sends the same requests', async () => {
    const env = { HARNESS_FUZZ_RUNS: '30', HARNESS_FUZZ_SEED: '7' };
    const first = await fuzz('null-item-500', env);
    const second = await fuzz('null-item-500', env);
    const summary = (run: typeof first) =>
      run.checks.map(
        (c) =>
          `${c.id} ${c.status} ${c.measured?.value} ${c.message?.replace(/[0-9a-f-]{36}/g, 'ID').replace(/:\d+\//, ':PORT/')}`,
      );
    expect(summary(second)).toEqual(summary(first));
  });

  test('never runs on a production profile', async () => {
    const { checks } = await fuzz('none', {
      HARNESS_ENV: 'production',
      HARNESS_BASE_URL: 'https://127.0.0.1:9',
    });
    expect(checks.map((c) => c.status)).toEqual(['skip', 'skip', 'skip', 'skip', 'skip', 'skip']);
    expect(checks[0]?.message).toMatch(/production: the fuzz step never runs there/);
  });
});
