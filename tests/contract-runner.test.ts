import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Drift } from '../fixtures/fake-platform/faults.ts';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

/**
 * `run contract` black-box, as `HARNESS_BASE_URL=<server> npm run test:contract` runs it:
 * the consumer tests regenerate the pacts, then the server is verified against them.
 */
const ACCOUNT = {
  // No ordinary words: every 6-character part of a secret is masked wherever it appears.
  password: 'Kc5w-Rq8v-Tn2x-5d1e',
  webhookSecret: 'Wb7q-Mz3k-Yp6r-9b2f',
};

async function contractRunAgainst(drift?: Drift) {
  await using fake = await startFakePlatform({ ...ACCOUNT, ...(drift ? { drift } : {}) });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-contract-'));
  try {
    const outcome = await runCli(['run', 'contract'], {
      HARNESS_BASE_URL: fake.url,
      HARNESS_USER_EMAIL: fake.email,
      HARNESS_USER_PASSWORD: ACCOUNT.password,
      HARNESS_WEBHOOK_SECRET: ACCOUNT.webhookSecret,
      HARNESS_REPORTS_DIR: reportsDir,
    });
    const result = RunResultSchema.parse(
      JSON.parse(await readFile(join(reportsDir, 'results', 'contract.json'), 'utf8')),
    );
    const entries = await readdir(reportsDir, { withFileTypes: true, recursive: true });
    const files = await Promise.all(
      entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')),
    );
    return { outcome, result, texts: [outcome.stdout, outcome.stderr, ...files] };
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}

describe('run contract, black-box', () => {
  test('verifies another server honouring PLATFORM-API.md given by HARNESS_BASE_URL, and leaks no secret', async () => {
    const { outcome, result, texts } = await contractRunAgainst();
    const console = outcome.stdout + outcome.stderr;
    expect(outcome.code, console).toBe(0);
    expect(console).toContain('contract: 18 passed, 0 failed, 0 skipped');
    expect(console).toContain('hasivu-web pact regenerated');
    expect(result.kind).toBe('contract');
    expect(result.checks.length).toBeGreaterThanOrEqual(12);
    for (const check of result.checks) {
      expect(check.category).toBe('contract');
      expect(check.evidence?.[0]).toMatch(/^contracts\/pacts\/hasivu-(web|mobile)-hasivu-platform\.json$/);
    }
    for (const text of texts) {
      expect(text).not.toContain(ACCOUNT.password);
      expect(text).not.toContain(ACCOUNT.webhookSecret);
    }
  });

  test('a drifting server fails the run, and the result names consumer, interaction and mismatch', async () => {
    const { outcome, result } = await contractRunAgainst('renamed-field');
    expect(outcome.code).toBe(1);
    const failed = result.checks.filter((c) => c.status === 'fail');
    expect(failed.map((c) => c.id)).toContain('contract.hasivu-web.a-request-for-a-paid-order');
    const paid = failed.find((c) => c.id === 'contract.hasivu-web.a-request-for-a-paid-order');
    expect(paid?.title).toBe('hasivu-web: a request for a paid order');
    expect(paid?.message).toMatch(
      /^hasivu-web's "a request for a paid order" broke: body \$: .*totalMinor.*totalAmount/,
    );
  });
});
