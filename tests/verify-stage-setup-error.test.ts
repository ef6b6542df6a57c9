import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import type { Scorecard } from '../reports/scorecard/scorecard.ts';
import { runCli } from './test-support/run-cli.ts';

test('verify with k6 missing keeps the other stages, writes the scorecard, and exits 2 with the fix', async () => {
  await using dev = await startFakePlatform({});
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
  try {
    const outcome = await runCli(['verify', '--env', 'dev'], {
      HARNESS_BASE_URL: dev.url,
      HARNESS_USER_EMAIL: dev.email,
      HARNESS_USER_PASSWORD: dev.password,
      HARNESS_WEBHOOK_SECRET: dev.webhookSecret,
      HARNESS_REPORTS_DIR: reportsDir,
      K6_BIN: '/nonexistent/k6',
    });
    expect(outcome.stderr).toMatch(/\[pass\] smoke: \d+ passed, 0 failed/);
    expect(outcome.stderr).toMatch(/\[pass\] contract: \d+ passed, 0 failed/);
    expect(outcome.stderr).toMatch(/error: .*K6_BIN/);
    expect(outcome.code).toBe(2);

    const card = JSON.parse(await readFile(join(reportsDir, 'scorecard.json'), 'utf8')) as Scorecard;
    expect(card.runs.map((r) => r.kind)).toEqual(expect.arrayContaining(['smoke', 'contract', 'load']));
    expect(card.categories.find((c) => c.category === 'performance')?.score).toBeNull();
    expect(card.checks.find((c) => c.id.startsWith('load.') && c.status === 'skip')?.message).toMatch(/k6/);
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
});
