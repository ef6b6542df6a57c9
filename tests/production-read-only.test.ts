import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { SCHOOL_ID } from '../fixtures/fake-platform/store.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { startHttpsProxy } from './test-support/https-proxy.ts';
import { runCli } from './test-support/run-cli.ts';
import { makeTestCertificates, type TestCertificates } from './test-support/test-certificates.ts';

/**
 * `HARNESS_ENV=production` against a recording target (the fake platform behind TLS, as
 * production must be https://): it may log in and read, and nothing else.
 */
const ACCOUNT = {
  email: 'parent@fake.hasivu.test',
  password: 'Pr3d-Xv7m-Qc5t',
  webhookSecret: 'Wr8k-Lb4n-Gy6e',
};
let certificates: TestCertificates;
let workDir: string;
beforeAll(async () => {
  certificates = makeTestCertificates();
  workDir = await mkdtemp(join(tmpdir(), 'hasivu-production-'));
});
afterAll(async () => {
  certificates?.[Symbol.dispose]();
  await rm(workDir, { recursive: true, force: true });
});

async function productionSmoke(extraEnv: Record<string, string> = {}) {
  await using fake = await startFakePlatform(ACCOUNT);
  await using proxy = await startHttpsProxy(fake.url, {
    ...certificates.keyAndCert('valid'),
    hsts: 'max-age=31536000',
  });
  const reportsDir = await mkdtemp(join(workDir, 'reports-'));
  const env = {
    HARNESS_ENV: 'production',
    HARNESS_BASE_URL: proxy.url,
    HARNESS_USER_EMAIL: ACCOUNT.email,
    HARNESS_USER_PASSWORD: ACCOUNT.password,
    // Given on purpose: the signed webhook must still never run in production.
    HARNESS_WEBHOOK_SECRET: ACCOUNT.webhookSecret,
    HARNESS_REPORTS_DIR: reportsDir,
    NODE_EXTRA_CA_CERTS: certificates.caFile,
    ...extraEnv,
  };
  const outcome = await runCli(['run', 'smoke'], env);
  const result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')));
  const gate = await runCli(['check'], env);
  const scorecard = await readFile(join(reportsDir, 'scorecard.md'), 'utf8');
  return {
    outcome,
    result,
    posts: fake.requests.filter((r) => !r.startsWith('GET ')),
    scorecard,
    gate,
  };
}

describe('production is never written to', () => {
  test('a production smoke run sends no POST except login, and says which checks it skipped and why', async () => {
    const { outcome, result, posts, scorecard } = await productionSmoke();
    expect(posts.length).toBeGreaterThan(0);
    expect(new Set(posts), outcome.stderr.slice(-2000)).toEqual(new Set(['POST /auth/login']));

    const byId = new Map(result.checks.map((c) => [c.id, c]));
    const readOnly =
      /production and read-only: this check changes data; name a synthetic tenant \(protections\.syntheticTenant\)/;
    for (const id of [
      'smoke.business.order.create',
      'smoke.conformance.orders-create.201',
      'smoke.conformance.other-user.orders',
      'smoke.security.unauthenticated.orders-create',
    ]) {
      expect(byId.get(id)?.status, id).toBe('skip');
      expect(byId.get(id)?.message, id).toMatch(readOnly);
    }
    expect(byId.get('smoke.business.payment.webhook')?.message).toMatch(/never runs there, synthetic tenant or not/);
    // Reads still run.
    for (const id of [
      'smoke.business.login',
      'smoke.business.menu',
      'smoke.health.comprehensive.contract',
      'smoke.conformance.menus.404',
      'smoke.conformance.token.alg-none',
      'smoke.transport.certificate-chain',
    ]) {
      expect(byId.get(id)?.status, id).toBe('pass');
    }
    expect(result.checks.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    // The scorecard lists each skipped write with its reason.
    expect(scorecard).toMatch(/⏭️ \| `smoke\.business\.order\.create`[^\n]*production and read-only/);
  });

  test('a synthetic tenant lets the writes run, but never the signed webhook', async () => {
    const profileFile = join(workDir, 'tenant.json');
    await writeFile(
      profileFile,
      JSON.stringify({
        protections: { syntheticTenant: { schoolId: SCHOOL_ID, accounts: [ACCOUNT.email] } },
      }),
    );
    const { result, posts } = await productionSmoke({ HARNESS_PROFILE_FILE: profileFile });
    expect(posts).toContain('POST /orders');
    const byId = new Map(result.checks.map((c) => [c.id, c]));
    expect(byId.get('smoke.business.order.create')?.status).toBe('pass');
    // Badly signed webhooks (refusals) may go; a correctly signed one, which marks an order paid, never does.
    for (const id of [
      'smoke.business.payment.webhook',
      'smoke.conformance.payment-webhook.200',
      'smoke.conformance.payment-intents.409',
    ]) {
      expect(byId.get(id)?.status, id).toBe('skip');
      expect(byId.get(id)?.message, id).toMatch(/never runs there/);
    }
    expect(byId.get('smoke.conformance.payment-webhook.401')?.status).toBe('pass');
  });
});
