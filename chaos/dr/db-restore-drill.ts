import { join } from 'node:path';
import { waitFor } from '../../common/wait-for.ts';
import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { OrderSession } from '../traffic/demo-session.ts';
import { checkOrderSet, type OrderSetReport } from '../traffic/order-set-check.ts';
import { startOrderTraffic, type OrderTrafficOptions } from '../traffic/order-traffic.ts';
import type { OrderWrite } from '../traffic/order-write.ts';
import { readBackOrders } from '../traffic/read-back-orders.ts';
import { backupDatabase, destroyDatabase, restoreDatabase, type BackupFile } from './database-lifecycle.ts';
import type { PostgresTools } from './postgres-tools.ts';
import { recoveryObjectives, type RecoveryObjectives, type RestoreTimeline } from './recovery-objectives.ts';

export interface DbRestoreSettings {
  /** Orders acknowledged before the backup: every one must survive the restore. */
  writesBeforeBackup: number;
  /** Orders acknowledged after the backup and before the disaster: the restore loses exactly these. */
  writesAfterBackup: number;
  ratePerSecond: number;
  /** The platform must serve an order again within this after the restore began, or the drill fails. */
  servingTimeoutMs: number;
  slowMs: number;
}

export const DB_RESTORE_DEFAULTS: DbRestoreSettings = {
  writesBeforeBackup: 20,
  writesAfterBackup: 0,
  ratePerSecond: 20,
  servingTimeoutMs: 60_000,
  slowMs: 2_000,
};

export interface DbRestoreRun {
  http: ApiClient;
  session: OrderSession;
  databaseUrl: string;
  tools: PostgresTools;
  /** Where the backup file goes (the reports directory, so it is evidence too). */
  workDir: string;
  keyPrefix: string;
  settings: DbRestoreSettings;
  log: (line: string) => void;
}

export interface DbRestoreOutcome {
  backup: BackupFile;
  timeline: RestoreTimeline;
  objectives: RecoveryObjectives;
  orderSet: OrderSetReport;
  writes: OrderWrite[];
}

/** Sends exactly `count` orders at the drill's rate and waits for every answer. */
async function placeOrders(run: DbRestoreRun, count: number, label: string): Promise<readonly OrderWrite[]> {
  if (count === 0) return [];
  const { settings } = run;
  const budgetMs = (count / settings.ratePerSecond) * 1000 + settings.slowMs * 5;
  const traffic = startOrderTraffic(run.http, run.session, trafficOptions(run, count, budgetMs, label));
  await waitFor(
    `${count} ${label} orders to be answered`,
    () => (traffic.writes.length === count && traffic.writes.every((w) => w.outcome !== undefined) ? true : undefined),
    { timeoutMs: budgetMs + 30_000, intervalMs: 20 },
  );
  return traffic.stop();
}

function trafficOptions(
  run: DbRestoreRun,
  maxRequests: number,
  maxDurationMs: number,
  label: string,
): OrderTrafficOptions {
  return {
    ratePerSecond: run.settings.ratePerSecond,
    maxRequests,
    maxDurationMs,
    slowMs: run.settings.slowMs,
    keyPrefix: `${run.keyPrefix}-${label}`,
  };
}

/**
 * The disaster-recovery drill on the local platform: orders are acknowledged, the database is
 * backed up with pg_dump, more orders may land, the database is dropped, an empty one is
 * created and the backup restored with pg_restore, while traffic keeps arriving until the
 * platform acknowledges an order again. Every acknowledged order is then read back.
 * RTO = dropped → first order acknowledged after the restore; RPO = the window of
 * acknowledged orders the restore lost (backup snapshot → last lost acknowledgement).
 */
export async function runDbRestore(run: DbRestoreRun): Promise<DbRestoreOutcome> {
  const { settings, log } = run;
  const before = await placeOrders(run, settings.writesBeforeBackup, 'before-backup');
  log(
    `chaos: db-restore: ${before.filter((w) => w.outcome === 'acknowledged').length} orders acknowledged before the backup`,
  );

  const backup = await backupDatabase(run.databaseUrl, join(run.workDir, 'db-restore-backup.dump'), run.tools);
  log(`chaos: db-restore: pg_dump wrote ${backup.bytes} bytes in ${backup.completedAt - backup.startedAt} ms`);

  const after = await placeOrders(run, settings.writesAfterBackup, 'after-backup');
  if (after.length > 0)
    log(
      `chaos: db-restore: ${after.filter((w) => w.outcome === 'acknowledged').length} orders acknowledged after the backup`,
    );

  const destroyedAt = await destroyDatabase(run.databaseUrl);
  log('chaos: db-restore: database dropped');
  // Traffic keeps arriving through the outage: failures are expected, the first success is recovery.
  const maxRequests = Math.ceil((settings.servingTimeoutMs / 1000) * settings.ratePerSecond);
  const recovery = startOrderTraffic(
    run.http,
    run.session,
    trafficOptions(run, maxRequests, settings.servingTimeoutMs, 'recovery'),
  );
  let restoredAt: number;
  let servingAt: number;
  try {
    restoredAt = await restoreDatabase(run.databaseUrl, backup, run.tools);
    log(`chaos: db-restore: pg_restore done ${restoredAt - destroyedAt} ms after the drop`);
    servingAt = await waitFor(
      'an order acknowledged after the restore',
      () => recovery.writes.find((w) => w.outcome === 'acknowledged' && (w.endedAt ?? 0) >= restoredAt)?.endedAt,
      { timeoutMs: settings.servingTimeoutMs, intervalMs: 20 },
    );
  } finally {
    await recovery.stop();
  }

  const writes = [...before, ...after, ...recovery.writes];
  const readBacks = await readBackOrders(run.http, run.session.token, writes);
  const orderSet = checkOrderSet(writes, readBacks, {
    ...run.session.body,
    totalMinor: run.session.expectedTotalMinor,
  });
  const timeline: RestoreTimeline = {
    backupStartedAt: backup.startedAt,
    backupCompletedAt: backup.completedAt,
    destroyedAt,
    restoredAt,
    servingAt,
  };
  return {
    backup,
    timeline,
    objectives: recoveryObjectives(timeline, writes, orderSet),
    orderSet,
    writes,
  };
}
