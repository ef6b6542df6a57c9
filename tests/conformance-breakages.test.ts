import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Violation } from '../fixtures/fake-platform/faults.ts';
import { startFakePlatform, type FakePlatformOptions } from '../fixtures/fake-platform/start-fake-platform.ts';
import { ENDPOINTS } from '../fixtures/platform-contract/endpoints.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

const ACCOUNT = {
  email: 'parent@fake.hasivu.test',
  password: 'Pm3x-Tb7k-Rw4q',
  webhookSecret: 'Wq6n-Jc2v-Hs9d',
};
const SECOND = { email: 'second@fake.hasivu.test', password: 'Sx8d-Kf3m-Zt5p' };

/** The fake's route names for the contract's endpoint ids. */
const FAKE_ROUTE: Record<string, string> = {
  health: 'health',
  'health-live': 'health-live',
  'health-ready': 'health-ready',
  'health-startup': 'health-startup',
  login: 'login',
  menus: 'menus',
  'orders-create': 'order-create',
  'orders-read': 'order-get',
  'payment-intents': 'payment-intent',
  'payment-webhook': 'payment-webhook',
};

const HOWS: Violation['how'][] = ['status', 'body', 'header', 'media-type'];

/**
 * Derived from the contract table, not from bugs seen: every documented response a
 * request can provoke, answered wrongly in one way (the ways rotate: wrong code,
 * wrong body, missing x-request-id, wrong media type), must fail the check named for it.
 */
const CASES = ENDPOINTS.flatMap((endpoint) =>
  endpoint.responses.filter((response) => !response.conditional).map((response) => ({ endpoint, response })),
).map(({ endpoint, response }, index) => {
  const how = HOWS[index % HOWS.length] ?? 'status';
  return {
    name: `${endpoint.method} ${endpoint.path} ${response.status}`,
    violation: { endpoint: FAKE_ROUTE[endpoint.id] ?? endpoint.id, status: response.status, how },
    check: `smoke.conformance.${endpoint.id}.${response.status}`,
    // What the project added beyond PLATFORM-API.md only warns on a target that is not the reference platform.
    verdict:
      response.source.kind === 'addition' || (how === 'media-type' && response.mediaTypeAddition)
        ? ('warn' as const)
        : ('fail' as const),
  };
});

async function conformanceAgainst(options: FakePlatformOptions) {
  await using fake = await startFakePlatform({ ...ACCOUNT, secondAccount: SECOND, ...options });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-conformance-'));
  try {
    const outcome = await runCli(['run', 'smoke', '--tags', 'conformance'], {
      HARNESS_BASE_URL: fake.url,
      HARNESS_USER_EMAIL: ACCOUNT.email,
      HARNESS_USER_PASSWORD: ACCOUNT.password,
      HARNESS_WEBHOOK_SECRET: ACCOUNT.webhookSecret,
      HARNESS_SECOND_USER_EMAIL: SECOND.email,
      HARNESS_SECOND_USER_PASSWORD: SECOND.password,
      HARNESS_REPORTS_DIR: reportsDir,
    });
    const result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')));
    const openapi = await readFile(join(reportsDir, 'openapi.json'), 'utf8');
    return { outcome, checks: new Map(result.checks.map((c) => [c.id, c])), openapi };
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}

describe('conformance checks, black-box, against a fake that breaks one sentence at a time', () => {
  test('an honest fake passes every conformance check; only the unprovokable 503s are not exercised', async () => {
    const { outcome, checks, openapi } = await conformanceAgainst({});
    // The run leaves the contract it checked for other API tools.
    expect(openapi).toBe(await readFile(new URL('../docs/openapi.json', import.meta.url), 'utf8'));
    const conformance = [...checks.values()].filter((c) => c.id.startsWith('smoke.conformance.'));
    expect(conformance.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    expect(
      conformance
        .filter((c) => c.status === 'skip')
        .map((c) => c.id)
        .sort(),
    ).toEqual([
      'smoke.conformance.health-ready.503',
      'smoke.conformance.health-startup.503',
      'smoke.conformance.health.503',
    ]);
    expect(checks.get('smoke.conformance.coverage')?.measured).toEqual({
      value: 89.7,
      unit: '%',
      target: '100',
    });
    expect(checks.get('smoke.conformance.coverage.orders-create')?.status).toBe('pass');
    expect(checks.get('smoke.conformance.other-user.orders')?.status).toBe('pass');
    expect(outcome.code).toBe(0);
  });

  test('there are at least 25 single-sentence breakages, one per provokable documented response', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    // Only the two 400s the project added: every other breakage breaks PLATFORM-API.md itself.
    expect(CASES.filter((c) => c.verdict === 'warn').map((c) => c.check)).toEqual([
      'smoke.conformance.login.400',
      'smoke.conformance.payment-intents.400',
    ]);
  });

  test.concurrent.for(CASES)(
    '$name answered with a wrong $violation.how is caught by $check ($verdict)',
    async ({ violation, check, verdict }) => {
      const { outcome, checks } = await conformanceAgainst({ violation });
      expect(outcome.timedOut).toBe(false);
      const caught = checks.get(check);
      if (verdict === 'warn') {
        expect(caught?.status).toBe('warn');
        expect(caught?.message).toMatch(/^the project's addition, not the published contract \(.+\): breaks "/);
        // A body or header that breaks a promise about every response still fails that published promise.
        const failed = [...checks.values()].filter((c) => c.status === 'fail').map((c) => c.id);
        expect(failed.filter((id) => !/^smoke\.conformance\.(error-envelope|request-id)$/.test(id))).toEqual([]);
        expect(outcome.code).toBe(failed.length > 0 ? 1 : 0);
        return;
      }
      expect(outcome.code).toBe(1);
      expect(
        caught?.status,
        JSON.stringify(
          [...checks.values()].filter((c) => c.status === 'fail'),
          null,
          1,
        ),
      ).toBe('fail');
      // A broken login too is caught by its own check (it needs no session); checks that need the session are blocked by it.
      expect(caught?.message).toMatch(/^breaks "/);
    },
  );

  test.concurrent('a planted 500 on an order whose items hold null is invisible to hand-written checks', async () => {
    const { outcome } = await conformanceAgainst({ breakage: 'null-item-500' });
    // Why the fuzz step exists: every documented response still looks right.
    expect(outcome.code).toBe(0);
  });
});
