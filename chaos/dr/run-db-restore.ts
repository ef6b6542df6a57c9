import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { redactValue } from '../../common/redact.ts';
import type { RunContext } from '../../runner/runner.ts';
import { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { Check } from '../../reports/run-result.ts';
import { createJournal } from '../engine/create-journal.ts';
import type { Journal } from '../engine/journal.ts';
import { openOrderSession } from '../traffic/demo-session.ts';
import { dbRestoreChecks } from './db-restore-checks.ts';
import { runDbRestore, type DbRestoreOutcome } from './db-restore-drill.ts';
import { DR_DRILLS } from './dr-drills.ts';
import { findPostgresTools } from './postgres-tools.ts';

/** Why a DR drill cannot run against this target, or undefined. */
export function dbRestoreSkipReason(context: RunContext): string | undefined {
  const deps = context.target.dependencies;
  if (!deps?.postgresUrl)
    return "the target's Postgres was not started by this run, so the drill cannot drop and restore it (run against the local profile; on AWS follow docs/dr-drill.md)";
  if (deps.provider === 'external')
    return 'the database is external (DATABASE_URL): the harness never drops a database it did not create';
  return undefined;
}

function journalOf(
  name: string,
  title: string,
  target: string,
  start: Date,
  outcome: DbRestoreOutcome | undefined,
  error: string | undefined,
): Journal {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const t = outcome?.timeline;
  return {
    ...createJournal({ name, title }, target, {
      adapters: {
        database: "pg_dump / DROP DATABASE WITH (FORCE) / pg_restore on the run's own Postgres",
      },
      start,
    }),
    end: new Date().toISOString(),
    status: error ? 'aborted' : 'completed',
    ...(error ? { reason: error } : {}),
    marks: { faultStartedAt: iso(t?.destroyedAt), recoveredAt: iso(t?.servingAt) },
    extra: outcome
      ? {
          timeline: {
            backupStartedAt: iso(t?.backupStartedAt),
            backupCompletedAt: iso(t?.backupCompletedAt),
            destroyedAt: iso(t?.destroyedAt),
            restoredAt: iso(t?.restoredAt),
            servingAt: iso(t?.servingAt),
          },
          backup: {
            bytes: outcome.backup.bytes,
            tookMs: outcome.backup.completedAt - outcome.backup.startedAt,
          },
          rtoMs: outcome.objectives.rtoMs,
          rpoMs: outcome.objectives.rpoMs,
          lostOrders: outcome.objectives.lost,
          orders: {
            attempted: outcome.orderSet.attempted,
            acknowledged: outcome.orderSet.acknowledged,
            failed: outcome.orderSet.failed,
            unknown: outcome.orderSet.unknown,
          },
        }
      : {},
  };
}

/** One DR drill, start to checks; its journal is written whatever happens. */
export async function runDbRestoreDrill(name: string, context: RunContext): Promise<Check[]> {
  const drill = DR_DRILLS[name];
  if (!drill) throw new Error(`unknown DR drill ${name}`);
  const { environment, target, log } = context;
  const start = new Date();
  const journalPath = join(environment.reportsDir, 'chaos', `${name}-journal.json`);
  const http = new ApiClient({
    baseUrl: target.baseUrl,
    timeoutMs: 5_000,
    maxResponseBytes: environment.profile.target.maxResponseBytes,
  });
  let outcome: DbRestoreOutcome | undefined;
  let error: string | undefined;
  // The dump holds the whole database (accounts included): it lives in a private temp dir for
  // the drill's few seconds and never in the reports, which only record its size.
  const workDir = await mkdtemp(join(tmpdir(), 'hasivu-db-restore-'));
  try {
    const session = await openOrderSession(http, target.credentials, environment.profile.auth.loginPath);
    outcome = await runDbRestore({
      http,
      session,
      databaseUrl: target.dependencies?.postgresUrl ?? '',
      tools: findPostgresTools(),
      workDir,
      keyPrefix: `drill-${name}`,
      settings: {
        ...drill.settings,
        ratePerSecond: Math.min(drill.settings.ratePerSecond, environment.profile.protections.maxRequestRate),
      },
      log,
    });
    log(
      `chaos: ${name}: RTO ${outcome.objectives.rtoMs} ms, RPO ${outcome.objectives.rpoMs} ms, ${outcome.objectives.lost.length} acknowledged orders lost`,
    );
  } catch (caught) {
    error = (caught as Error).message;
    log(`chaos: ${name}: ${error}`);
  } finally {
    await http.close();
    await rm(workDir, { recursive: true, force: true });
  }
  await writeFileAtomic(
    journalPath,
    `${JSON.stringify(redactValue(journalOf(name, drill.title, target.baseUrl, start, outcome, error)), null, 2)}\n`,
  );
  return dbRestoreChecks({
    drill: name,
    objectives: outcome?.objectives,
    orderSet: outcome?.orderSet,
    ...(error ? { error } : {}),
    targets: { rtoMs: environment.profile.sla.rtoMs, rpoMs: environment.profile.sla.rpoMs },
    journalPath,
    durationMs: Date.now() - start.getTime(),
  });
}
