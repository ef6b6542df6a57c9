import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Check } from '../../reports/run-result.ts';
import { STATES } from '../provider-states.ts';
import { runContracts } from '../run-contracts.ts';
import type { Drift } from '../../fixtures/fake-platform/faults.ts';
import { startFakePlatform, type FakePlatformOptions } from '../../fixtures/fake-platform/start-fake-platform.ts';

/**
 * Provider verification against small servers on 127.0.0.1: one that honours the
 * contract, three that drift from it, and environments missing a secret. The pacts are
 * the committed ones; the consumer step is not re-run here.
 */
let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hasivu-contract-test-'));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

interface Verify {
  fake?: FakePlatformOptions;
  withPassword?: boolean;
  withWebhookSecret?: boolean;
  env?: NodeJS.ProcessEnv;
}

async function verify({
  fake: fakeOptions = {},
  withPassword = true,
  withWebhookSecret = true,
  env = {},
}: Verify = {}) {
  await using fake = await startFakePlatform(fakeOptions);
  const result = await runContracts({
    environmentName: 'test',
    target: {
      baseUrl: fake.url,
      credentials: { email: fake.email, password: withPassword ? fake.password : undefined },
      webhookSecret: withWebhookSecret ? fake.webhookSecret : undefined,
      adminToken: undefined,
      local: false,
    },
    reportsDir: await mkdtemp(join(workDir, 'reports-')),
    requestTimeoutMs: 5_000,
    maxResponseBytes: 1_048_576,
    env,
    log: () => undefined,
    signal: new AbortController().signal,
    runConsumers: false,
  });
  const byId = new Map(result.checks.map((c) => [c.id, c]));
  const notPassing = result.checks.filter((c) => c.status !== 'pass');
  return { result, byId, notPassing, requests: [...fake.requests] };
}

const summary = (checks: Check[]) => checks.map((c) => `${c.id} ${c.status} ${c.message ?? ''}`).join('\n');

// Each test has its own server and verification process, so they run side by side.
describe.concurrent('provider verification', { timeout: 30_000 }, () => {
  test('a server honouring the contract passes every interaction of both consumers', async () => {
    const { result, notPassing } = await verify();
    expect(notPassing, summary(notPassing)).toEqual([]);
    expect(result.checks.length).toBeGreaterThanOrEqual(12);
    expect(new Set(result.checks.map((c) => c.id.split('.')[1]))).toEqual(new Set(['hasivu-web', 'hasivu-mobile']));
    for (const check of result.checks)
      expect(check.evidence?.[0]).toMatch(/contracts\/pacts\/hasivu-(web|mobile)-hasivu-platform\.json$/);
  });

  const DRIFTS: { drift: Drift; check: string; says: RegExp }[] = [
    {
      drift: 'renamed-field',
      check: 'contract.hasivu-mobile.a-history-refresh-of-an-order-awaiting-payment',
      says: /^hasivu-mobile's "a history refresh of an order awaiting payment" broke: body \$: .*missing the following keys: totalMinor \(the response has: .*totalAmount/,
    },
    {
      drift: 'changed-status',
      check: 'contract.hasivu-web.an-order-for-one-available-menu-item',
      says: /^hasivu-web's "an order for one available menu item" broke: status: expected 201 but was 200/,
    },
    {
      drift: 'removed-endpoint',
      check: 'contract.hasivu-web.a-payment-intent-for-an-order-awaiting-payment',
      says: /^hasivu-web's "a payment intent for an order awaiting payment" broke: status: expected 201 but was 404/,
    },
  ];

  test.each(DRIFTS)(
    'a provider that drifts ($drift) fails $check, naming consumer, interaction and mismatch',
    async ({ drift, check, says }) => {
      const { byId, notPassing } = await verify({ fake: { drift } });
      const caught = byId.get(check);
      expect(caught?.status, summary(notPassing)).toBe('fail');
      expect(caught?.message).toMatch(says);
      expect(caught?.title).toMatch(/^hasivu-(web|mobile): /);
      // Nothing that cannot be verified is ever counted as a pass.
      expect(notPassing.every((c) => c.status === 'fail' || c.status === 'error')).toBe(true);
    },
  );

  test('a removed endpoint also makes states that need it errors, never passes', async () => {
    const { byId } = await verify({ fake: { drift: 'removed-endpoint' } });
    const paid = byId.get('contract.hasivu-mobile.a-history-refresh-of-a-paid-order');
    expect(paid?.status).toBe('error');
    expect(paid?.message).toContain(`setting up "${STATES.paidOrder}" failed`);
  });

  test('without the webhook secret, paid-order interactions are skipped with the reason and never sent', async () => {
    const { byId, notPassing, requests } = await verify({ withWebhookSecret: false });
    expect(notPassing.map((c) => c.id).sort()).toEqual([
      'contract.hasivu-mobile.a-history-refresh-of-a-paid-order',
      'contract.hasivu-web.a-payment-intent-for-an-order-that-is-already-paid',
      'contract.hasivu-web.a-request-for-a-paid-order',
    ]);
    for (const check of notPassing) {
      expect(check.status).toBe('skip');
      expect(check.message).toContain('HARNESS_WEBHOOK_SECRET');
    }
    expect(byId.get('contract.hasivu-web.a-request-for-an-order-awaiting-payment')?.status).toBe('pass');
    expect(requests).not.toContain('POST /payments/webhook');
  });

  test('without the parent password only the interactions that need no account are verified', async () => {
    const { result, requests } = await verify({ withPassword: false });
    const passed = result.checks
      .filter((c) => c.status === 'pass')
      .map((c) => c.id)
      .sort();
    expect(passed).toEqual([
      'contract.hasivu-mobile.a-liveness-probe-for-the-offline-banner',
      'contract.hasivu-mobile.a-request-with-an-expired-session',
      'contract.hasivu-web.a-request-for-an-order-without-a-session',
    ]);
    for (const check of result.checks.filter((c) => c.status !== 'pass')) {
      expect(check.status).toBe('skip');
      expect(check.message).toContain('HARNESS_USER_PASSWORD');
    }
    expect(
      requests.filter((r) => r !== 'GET /health/live' && r !== 'GET /orders/3e8a1f2b-7c4d-4b6e-9f0a-1d2c3b4a5e6f'),
    ).toEqual([]);
  });

  test('a target that does not answer makes every interaction an error that says so, quickly', async () => {
    const started = Date.now();
    const result = await runContracts({
      environmentName: 'test',
      target: {
        baseUrl: 'http://127.0.0.1:9',
        credentials: { email: 'p@x.test', password: 'x-password' },
        webhookSecret: undefined,
        adminToken: undefined,
        local: false,
      },
      reportsDir: await mkdtemp(join(workDir, 'reports-')),
      requestTimeoutMs: 2_000,
      maxResponseBytes: 1_048_576,
      env: {},
      log: () => undefined,
      signal: new AbortController().signal,
      runConsumers: false,
    });
    expect(result.checks.length).toBeGreaterThanOrEqual(12);
    for (const check of result.checks) {
      expect(check.status).toBe('error');
      expect(check.message).toMatch(
        /was not verified: the verification did not complete: the target does not answer: .*127\.0\.0\.1:9/,
      );
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a target that dies during verification makes every interaction an error, never a pass', async () => {
    const { result } = await verify({ fake: { dieAfterRequests: 12 } });
    for (const check of result.checks) {
      expect(check.status).toBe('error');
      expect(check.message).toContain('the target stopped answering during verification');
    }
  });

  test('the HARNESS_CONTRACT_STATES hook can provide a state the public API cannot reach', async () => {
    const hook = join(workDir, 'paid-order-hook.mjs');
    // What a team's own tooling would do; here it knows the fake's secret.
    await writeFile(
      hook,
      `export const stateSetups = {
        ${JSON.stringify(STATES.paidOrder)}: async ({ session }) => {
          const paidOrderId = await session.placeOrder();
          await session.payOrder(paidOrderId, 'Wh4k-Rn8t-Vc3j');
          return { paidOrderId };
        },
      };\n`,
    );
    const { notPassing } = await verify({
      withWebhookSecret: false,
      env: { HARNESS_CONTRACT_STATES: hook },
    });
    expect(notPassing, summary(notPassing)).toEqual([]);
  });

  test('a hook naming a state that does not exist is a usage error that lists the known states', async () => {
    const hook = join(workDir, 'bad-hook.mjs');
    await writeFile(hook, `export const stateSetups = { 'a school holiday exists': async () => ({}) };\n`);
    await expect(verify({ env: { HARNESS_CONTRACT_STATES: hook } })).rejects.toMatchObject({
      code: 'INVALID_STATES_HOOK',
      exitCode: 2,
      message: expect.stringMatching(
        /"a school holiday exists" is not a provider state; known states: "a parent with one student exists"/,
      ) as unknown,
    });
  });
});
