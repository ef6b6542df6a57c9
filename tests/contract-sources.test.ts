import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { PROJECT_ADDITION_NOTE, RunResultSchema } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

const ACCOUNT = {
  email: 'parent@fake.hasivu.test',
  password: 'Pv5k-Rm2x-Qa8t',
  webhookSecret: 'Wg3d-Ls7n-Hy4b',
};
const SECOND = { email: 'second@fake.hasivu.test', password: 'Sb6w-Tc9f-Nk2e' };

/** The two checks the project added beyond PLATFORM-API.md that a foreign deployment answers otherwise. */
const ADDED = ['smoke.conformance.login.400', 'smoke.conformance.payment-intents.400'];

async function filesUnder(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
  return texts.join('\n');
}

/**
 * `run smoke` (the fuzz step included) against a deployment that honours PLATFORM-API.md
 * to the letter but none of the project's additions: a login without a password is 401
 * INVALID_CREDENTIALS, an intent without an orderId is 404, an order without an
 * Idempotency-Key is created.
 */
async function smokeAgainstPublishedOnly(env: Record<string, string> = {}) {
  await using fake = await startFakePlatform({
    ...ACCOUNT,
    secondAccount: SECOND,
    publishedOnly: true,
  });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-sources-'));
  try {
    const outcome = await runCli(
      ['run', 'smoke'],
      {
        HARNESS_BASE_URL: fake.url,
        HARNESS_USER_EMAIL: ACCOUNT.email,
        HARNESS_USER_PASSWORD: ACCOUNT.password,
        HARNESS_WEBHOOK_SECRET: ACCOUNT.webhookSecret,
        HARNESS_SECOND_USER_EMAIL: SECOND.email,
        HARNESS_SECOND_USER_PASSWORD: SECOND.password,
        HARNESS_REPORTS_DIR: reportsDir,
        HARNESS_FUZZ_BUDGET_MS: '6000',
        ...env,
      },
      150_000,
    );
    const result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')));
    // As the post-deploy job does: the scorecard of this run, from its results.
    const scored = await runCli(['check'], {
      HARNESS_REPORTS_DIR: reportsDir,
      HARNESS_BASE_URL: fake.url,
    });
    const read = (name: string) => readFile(join(reportsDir, name), 'utf8');
    return {
      outcome,
      scored,
      checks: new Map(result.checks.map((c) => [c.id, c])),
      markdown: await read('scorecard.md'),
      html: await read('scorecard.html'),
      junit: await read('junit.xml'),
      allure: await filesUnder(join(reportsDir, 'allure-results')),
    };
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}

describe("the project's additions warn; only contract.strict makes them fail", () => {
  test.concurrent(
    'a deployment that honours PLATFORM-API.md passes smoke, with the additions as warnings that say why',
    async () => {
      const run = await smokeAgainstPublishedOnly();
      const notPassing = [...run.checks.values()].filter(
        (c) => c.status === 'fail' || c.status === 'error' || c.status === 'blocked',
      );
      expect(notPassing).toEqual([]);
      expect(run.outcome.code, run.outcome.stdout + run.outcome.stderr).toBe(0);
      for (const id of ADDED) {
        const added = run.checks.get(id);
        expect(added?.status, id).toBe('warn');
        expect(added?.message).toContain(PROJECT_ADDITION_NOTE);
      }
      expect(run.checks.get('smoke.conformance.login.400')?.message).toMatch(/answered 401, expected 400/);
      expect(run.checks.get('smoke.conformance.payment-intents.400')?.message).toMatch(/answered 404, expected 400/);
      // The fuzz step's finding about the missing Idempotency-Key is the project's reading too.
      expect(['pass', 'warn']).toContain(run.checks.get('smoke.fuzz.orders-create')?.status);
      // Every report a person reads says why it only warns.
      const note = "the project's addition, not the published contract";
      expect(run.outcome.stderr).toMatch(/smoke: \d+ passed, 0 failed, \d+ skipped, \d+ warned/);
      expect(run.scored.stdout).toContain(`! smoke.conformance.login.400 [major] ${note}`);
      expect(run.markdown).toMatch(new RegExp(`smoke\\.conformance\\.login\\.400.*${note.replace("'", '.')}`));
      expect(run.html).toContain('the project&#39;s addition, not the published contract');
      expect(run.junit).toMatch(
        new RegExp(`<system-out>warning: the project(&apos;|')s addition, not the published contract`),
      );
      expect(run.allure).toContain(note);
    },
  );

  test.concurrent('with contract.strict: true the same deployment fails them, and smoke exits 1', async () => {
    const run = await smokeAgainstPublishedOnly({
      HARNESS_CONTRACT_STRICT: 'true',
      HARNESS_FUZZ_BUDGET_MS: '2000',
    });
    expect(run.outcome.code).toBe(1);
    for (const id of ADDED) {
      expect(run.checks.get(id)?.status, id).toBe('fail');
      expect(run.checks.get(id)?.message).toMatch(/failing because the profile sets contract\.strict: true/);
    }
  });
});
