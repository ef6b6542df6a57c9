import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServices } from '../fixtures/services/resolve-services.ts';
import type { StartedServices } from '../fixtures/services/started-services.ts';
import { startPlatform, type StartedPlatform } from '../platform/start-platform.ts';
import { startDriftProxy } from '../contracts/test-support/drift-proxy.ts';
import type { Drift } from '../fixtures/fake-platform/faults.ts';
import { verifyReferencePlatform } from './test-support/verify-reference-platform.ts';

/**
 * The reference platform, verified through a proxy that makes it drift: the same
 * renamed field, changed status and removed endpoint as the unit tests' fake, on the
 * real handlers, Postgres and Redis.
 */
let services: StartedServices;
let platform: StartedPlatform;
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hasivu-contract-drift-'));
  services = await startServices({ log: () => undefined });
  platform = await startPlatform({
    databaseUrl: services.postgres.url,
    redisUrl: services.redis.url,
  });
});

afterAll(async () => {
  await platform?.close();
  await services?.dispose();
  await rm(workDir, { recursive: true, force: true });
});

async function verifyThrough(drift?: Drift) {
  await using proxy = await startDriftProxy(platform.url, drift);
  const result = await verifyReferencePlatform(platform, proxy.url, {
    environmentName: 'local',
    reportsDir: await mkdtemp(join(workDir, 'reports-')),
  });
  return new Map(result.checks.map((c) => [c.id, c]));
}

describe('provider verification of the reference platform', () => {
  test('passes every interaction when nothing drifts', async () => {
    const checks = await verifyThrough();
    const notPassing = [...checks.values()].filter((c) => c.status !== 'pass');
    expect(notPassing.map((c) => `${c.id}: ${c.message ?? ''}`)).toEqual([]);
    expect(checks.size).toBeGreaterThanOrEqual(12);
  });

  test.each([
    {
      drift: 'renamed-field' as const,
      check: 'contract.hasivu-web.a-request-for-an-order-awaiting-payment',
      says: /broke: body \$: .*totalMinor \(the response has: .*totalAmount/,
    },
    {
      drift: 'changed-status' as const,
      check: 'contract.hasivu-web.an-order-for-one-available-menu-item',
      says: /broke: status: expected 201 but was 200/,
    },
    {
      drift: 'removed-endpoint' as const,
      check: 'contract.hasivu-web.a-payment-intent-for-an-order-awaiting-payment',
      says: /broke: status: expected 201 but was 404/,
    },
  ])('fails $check when the platform drifts ($drift)', async ({ drift, check, says }) => {
    const caught = (await verifyThrough(drift)).get(check);
    expect(caught?.status).toBe('fail');
    expect(caught?.message).toMatch(says);
  });
});
