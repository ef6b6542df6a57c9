import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { runCli } from './support/run-cli.ts';

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('planted secrets never reach a report file or the console, even when the target echoes them', async () => {
  const canary = {
    password: 'canary-password-7f3a9c',
    webhookSecret: 'canary-webhook-secret-b81d2e',
    tokenPrefix: 'canary-token-c04f11',
  };
  await using fake = await startFakePlatform({
    breakage: 'reflects-secrets',
    email: 'parent@fake.hasivu.test',
    password: canary.password,
    webhookSecret: canary.webhookSecret,
    tokenPrefix: canary.tokenPrefix,
  });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
  try {
    const run = await runCli(['run', 'smoke'], {
      HARNESS_BASE_URL: fake.url,
      HARNESS_USER_EMAIL: 'parent@fake.hasivu.test',
      HARNESS_USER_PASSWORD: canary.password,
      HARNESS_WEBHOOK_SECRET: canary.webhookSecret,
      HARNESS_REPORTS_DIR: reportsDir,
    });
    const check = await runCli(['check'], { HARNESS_BASE_URL: fake.url, HARNESS_REPORTS_DIR: reportsDir });
    expect(run.code).toBe(1);
    // The echoed secrets did reach a failure message, masked: proof the scan below is not vacuous.
    const smoke = await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8');
    expect(smoke).toMatch(/password=\*\*\*/);

    const files = await allFiles(reportsDir);
    expect(files.map((f) => f.slice(reportsDir.length))).toEqual(
      expect.arrayContaining(['/results/smoke.json', '/scorecard.json', '/scorecard.md', '/junit.xml']),
    );
    const texts = [run.stdout, run.stderr, check.stdout, check.stderr, ...(await Promise.all(files.map((f) => readFile(f, 'utf8'))))];
    for (const value of Object.values(canary)) {
      for (const text of texts) expect(text).not.toContain(value);
    }
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
});
