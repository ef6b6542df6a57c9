import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Breakage } from '../fixtures/fake-platform/faults.ts';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

const ACCOUNT = {
  email: 'parent@fake.hasivu.test',
  password: 'Pc4n-Xw7h-Bj2r',
  webhookSecret: 'Wm8s-Fd3k-Gq6v',
};
const SECOND = { email: 'second@fake.hasivu.test', password: 'Sr9t-Hm4c-Vy7p' };

async function conformanceAgainst(breakage: Breakage, secondIdentity = true) {
  await using fake = await startFakePlatform({
    ...ACCOUNT,
    breakage,
    ...(secondIdentity ? { secondAccount: SECOND } : {}),
  });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-cross-user-'));
  try {
    const outcome = await runCli(['run', 'smoke', '--tags', 'conformance'], {
      HARNESS_BASE_URL: fake.url,
      HARNESS_USER_EMAIL: ACCOUNT.email,
      HARNESS_USER_PASSWORD: ACCOUNT.password,
      HARNESS_WEBHOOK_SECRET: ACCOUNT.webhookSecret,
      ...(secondIdentity
        ? { HARNESS_SECOND_USER_EMAIL: SECOND.email, HARNESS_SECOND_USER_PASSWORD: SECOND.password }
        : {}),
      HARNESS_REPORTS_DIR: reportsDir,
    });
    const result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')));
    return { outcome, checks: new Map(result.checks.map((c) => [c.id, c])) };
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}

/**
 * Every endpoint that takes an id or a key that can be someone else's, against a
 * deployment that answers 404 to random ids but lets the second identity's real
 * resource through: the check named for it fails.
 */
const LEAKS: { breakage: Breakage; what: string; fails: string[] }[] = [
  {
    breakage: 'leaks-other-orders',
    what: "GET /orders/{orderId} with the other identity's order",
    fails: ['smoke.conformance.other-user.orders'],
  },
  {
    breakage: 'leaks-other-intents',
    what: "POST /payments/intents with the other identity's order",
    fails: ['smoke.conformance.other-user.payment-intents', 'smoke.conformance.payment-intents.404'],
  },
  {
    breakage: 'leaks-other-students',
    what: "POST /orders with the other identity's student",
    fails: ['smoke.conformance.other-user.students', 'smoke.conformance.orders-create.404'],
  },
  {
    breakage: 'shared-idempotency-keys',
    what: "POST /orders with the other identity's Idempotency-Key",
    fails: ['smoke.conformance.other-user.idempotency-keys'],
  },
];

describe("another user's data, probed with the second identity's real resources", () => {
  test.concurrent.for(LEAKS)('$what let through is caught by $fails', async ({ breakage, fails }) => {
    const { outcome, checks } = await conformanceAgainst(breakage);
    expect(outcome.timedOut).toBe(false);
    expect(outcome.code).toBe(1);
    for (const id of fails) {
      expect(checks.get(id)?.status, `${id}: ${checks.get(id)?.message}`).toBe('fail');
      expect(checks.get(id)?.message).toMatch(/another user's resource gets 404, never 200/);
    }
    // Random ids still get 404 there: the unknown-id checks alone would have passed.
    expect(checks.get('smoke.conformance.orders-read.404')?.status).toBe('pass');
  });

  test.concurrent(
    'without a second identity the cross-user checks skip with the reason, and coverage says so',
    async () => {
      const { outcome, checks } = await conformanceAgainst('none', false);
      const crossUser = [...checks.values()].filter(
        (c) =>
          c.id.startsWith('smoke.conformance.other-user.') ||
          c.id === 'smoke.conformance.orders-create.404' ||
          c.id === 'smoke.conformance.payment-intents.404',
      );
      expect(crossUser.length).toBe(6);
      for (const check of crossUser) {
        expect(check.status, check.id).toBe('skip');
        expect(check.message).toMatch(/no second identity: set HARNESS_SECOND_USER_EMAIL/);
      }
      const orders = checks.get('smoke.conformance.coverage.orders-create');
      expect(orders?.status).toBe('warn');
      expect(orders?.measured?.value).toBe(80);
      expect(orders?.message).toMatch(/404 \(no second identity/);
      expect(outcome.code).toBe(0);
    },
  );
});
