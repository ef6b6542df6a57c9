import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupDatabase, destroyDatabase, restoreDatabase } from '../chaos/dr/database-lifecycle.ts';
import { DB_RESTORE_DEFAULTS, runDbRestore } from '../chaos/dr/db-restore-drill.ts';
import { findPostgresTools } from '../chaos/dr/postgres-tools.ts';
import { openOrderSession } from '../chaos/traffic/demo-session.ts';
import { ApiClient } from '../fixtures/api-client/api-client.ts';
import { startServices } from '../fixtures/services/resolve-services.ts';
import { startPlatform } from '../platform/start-platform.ts';
import { median } from './median.ts';

export interface DbRestoreBench {
  runs: number;
  provider: string;
  /** The drill's RTO: database dropped → an order acknowledged again, under traffic. */
  rtoMs: number[];
  /** Baseline: drop + create + pg_restore of the same database, no platform traffic. */
  restoreOnlyMs: number[];
  medianRtoMs: number;
  medianRestoreOnlyMs: number;
  ratio: number;
}

/**
 * RTO of the db-restore drill, `runs` times, alternating with the bare restore it cannot beat
 * (drop, create, pg_restore with nobody waiting), so both see the same background load.
 */
export async function benchDbRestore(runs: number, log: (line: string) => void): Promise<DbRestoreBench> {
  const workDir = await mkdtemp(join(tmpdir(), 'hasivu-bench-dr-'));
  const services = await startServices({ log: () => undefined });
  const platform = await startPlatform({
    databaseUrl: services.postgres.url,
    redisUrl: services.redis.url,
  });
  const http = new ApiClient({
    baseUrl: platform.url,
    timeoutMs: 5_000,
    maxResponseBytes: 1_048_576,
  });
  const tools = findPostgresTools();
  const rtoMs: number[] = [];
  const restoreOnlyMs: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const session = await openOrderSession(http, platform.demoParent, '/auth/login');
      const outcome = await runDbRestore({
        http,
        session,
        databaseUrl: services.postgres.url,
        tools,
        workDir,
        keyPrefix: `bench-${i}`,
        settings: DB_RESTORE_DEFAULTS,
        log: () => undefined,
      });
      rtoMs.push(outcome.objectives.rtoMs);
      const backup = await backupDatabase(services.postgres.url, join(workDir, `baseline-${i}.dump`), tools);
      const droppedAt = await destroyDatabase(services.postgres.url);
      restoreOnlyMs.push((await restoreDatabase(services.postgres.url, backup, tools)) - droppedAt);
      log(`db-restore run ${i + 1}: RTO ${rtoMs.at(-1)} ms, restore only ${restoreOnlyMs.at(-1)} ms`);
    }
  } finally {
    await http.close();
    await platform.close();
    await services.dispose();
    await rm(workDir, { recursive: true, force: true });
  }
  const medianRtoMs = Math.round(median(rtoMs));
  const medianRestoreOnlyMs = Math.round(median(restoreOnlyMs));
  return {
    runs,
    provider: services.provider,
    rtoMs,
    restoreOnlyMs,
    medianRtoMs,
    medianRestoreOnlyMs,
    ratio: Math.round((medianRtoMs / medianRestoreOnlyMs) * 100) / 100,
  };
}
