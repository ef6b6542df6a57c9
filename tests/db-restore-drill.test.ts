import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dbRestoreChecks } from '../chaos/dr/db-restore-checks.ts';
import { DB_RESTORE_DEFAULTS, runDbRestore, type DbRestoreSettings } from '../chaos/dr/db-restore-drill.ts';
import { findPostgresTools } from '../chaos/dr/postgres-tools.ts';
import { openOrderSession } from '../chaos/traffic/demo-session.ts';
import { ApiClient } from '../fixtures/api-client/api-client.ts';
import { startServices } from '../fixtures/services/resolve-services.ts';
import type { StartedServices } from '../fixtures/services/started-services.ts';
import { startPlatform, type StartedPlatform } from '../platform/start-platform.ts';

/**
 * The disaster-recovery drill on the real reference platform, Postgres and Redis: pg_dump,
 * DROP DATABASE, pg_restore, while orders flow. Both variants, judged against RPO 0.
 */
let services: StartedServices;
let platform: StartedPlatform;
let workDir: string;
let http: ApiClient;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hasivu-db-restore-'));
  services = await startServices({ log: () => undefined });
  platform = await startPlatform({
    databaseUrl: services.postgres.url,
    redisUrl: services.redis.url,
  });
  http = new ApiClient({ baseUrl: platform.url, timeoutMs: 5_000, maxResponseBytes: 1_048_576 });
});

afterAll(async () => {
  await http?.close();
  await platform?.close();
  await services?.dispose();
  await rm(workDir, { recursive: true, force: true });
});

async function drill(settings: DbRestoreSettings, label: string) {
  const session = await openOrderSession(http, platform.demoParent, '/auth/login');
  const outcome = await runDbRestore({
    http,
    session,
    databaseUrl: services.postgres.url,
    tools: findPostgresTools(),
    workDir: join(workDir, label),
    keyPrefix: `test-${label}`,
    settings,
    log: () => undefined,
  });
  const checks = dbRestoreChecks({
    drill: label,
    objectives: outcome.objectives,
    orderSet: outcome.orderSet,
    targets: { rtoMs: 900_000, rpoMs: 0 },
    journalPath: 'journal.json',
    durationMs: 0,
  });
  const status: Record<string, string> = Object.fromEntries(
    checks.map((c) => [c.id.slice(`chaos.${label}.`.length), c.status]),
  );
  return { outcome, status };
}

describe('db-restore drill', () => {
  test('quiet backup: every acknowledged order survives, the platform serves again, RPO 0 holds', async () => {
    const { outcome, status } = await drill(DB_RESTORE_DEFAULTS, 'quiet');
    const acknowledgedBefore = outcome.writes.filter(
      (w) => w.key.includes('before-backup') && w.outcome === 'acknowledged',
    );
    expect(acknowledgedBefore).toHaveLength(DB_RESTORE_DEFAULTS.writesBeforeBackup);
    expect(outcome.objectives.lost).toEqual([]);
    expect(outcome.objectives.rpoMs).toBe(0);
    expect(outcome.objectives.rtoMs).toBeGreaterThan(0);
    expect(outcome.timeline.servingAt).toBeGreaterThanOrEqual(outcome.timeline.restoredAt);
    expect(status).toEqual({
      outcome: 'pass',
      rto: 'pass',
      rpo: 'pass',
      'backup-holds-acknowledged-orders': 'pass',
    });
  });

  test('writes after the backup: exactly those orders are reported lost, and RPO 0 fails', async () => {
    const { outcome, status } = await drill(
      { ...DB_RESTORE_DEFAULTS, writesBeforeBackup: 10, writesAfterBackup: 6 },
      'late',
    );
    const lateIds = outcome.writes
      .filter((w) => w.key.includes('after-backup') && w.outcome === 'acknowledged')
      .map((w) => w.orderId)
      .sort();
    expect(lateIds).toHaveLength(6);
    expect(outcome.objectives.lost.map((l) => l.orderId).sort()).toEqual(lateIds);
    expect(outcome.objectives.lostBeforeBackup).toEqual([]);
    expect(outcome.objectives.rpoMs).toBeGreaterThan(0);
    expect(status).toMatchObject({ rpo: 'fail', 'backup-holds-acknowledged-orders': 'pass' });
  });
});
