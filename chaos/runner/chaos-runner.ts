import pkg from '../../package.json' with { type: 'json' };
import type { Runner, RunContext } from '../../runner/runner.ts';
import { HarnessError, isHarnessError } from '../../common/harness-error.ts';
import { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { writeRunResult } from '../../reports/run-result-files.ts';
import type { Check, RunResult } from '../../reports/run-result.ts';
import { adapterCandidates, selectAdapters } from '../adapters/select-adapters.ts';
import { loadSelectedDrills } from '../drills/drill-catalog.ts';
import { DR_DRILL_NAMES } from '../dr/dr-drills.ts';
import { dbRestoreSkipReason, runDbRestoreDrill } from '../dr/run-db-restore.ts';
import type { Drill } from '../model/drill-schema.ts';
import { CHAOS_OPTIONS, CHAOS_USAGE, parseChaosArgs, type ChaosArgs } from './chaos-args.ts';
import { assertChaosAllowed } from '../model/chaos-permission.ts';
import { dryRunDrill } from './dry-run-drill.ts';
import { cleanUp, emitFisTemplates } from './offline-modes.ts';
import { runOneDrill, skipReason, type DrillRun } from './run-one-drill.ts';

/** `2026-Q4`: the window a disaster-recovery drill's evidence belongs to. */
export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

function skipped(drill: Drill, reason: string): Check {
  return {
    id: `chaos.${drill.name}.outcome`,
    title: drill.title,
    category: 'resilience',
    severity: drill.severity,
    status: 'skip',
    message: reason,
    durationMs: 0,
  };
}

/**
 * The demo parent's password is needed by every drill that sends orders; said before anything
 * else, together with any other reason not to start.
 */
function missingPasswordReason(
  args: ChaosArgs,
  drills: readonly Drill[],
  target: RunContext['target'],
): string | undefined {
  const needTraffic = drills.filter((drill) => drill.traffic).map((drill) => drill.name);
  return !args.dryRun && needTraffic.length > 0 && !target.credentials.password
    ? `drills ${needTraffic.join(', ')} send orders as ${target.credentials.email}: set HARNESS_USER_PASSWORD (nothing was injected)`
    : undefined;
}

interface DrillsRun {
  checks: Check[];
  /** The target refused a drill: the run stops, and this is thrown once the result is written. */
  stopped?: HarnessError;
}

async function runReleaseDrills(drills: readonly Drill[], args: ChaosArgs, drillRun: DrillRun): Promise<DrillsRun> {
  const { context, adapters } = drillRun;
  const checks: Check[] = [];
  for (const drill of drills) {
    if (context.signal.aborted) {
      checks.push(skipped(drill, 'not run: the run was interrupted'));
      continue;
    }
    if (args.dryRun) {
      checks.push(await dryRunDrill(drill, context, adapters));
      continue;
    }
    const reason = skipReason(drill, adapters);
    if (reason) {
      context.log(`chaos: ${drill.name}: skipped: ${reason}`);
      checks.push(skipped(drill, reason));
      continue;
    }
    try {
      checks.push(...(await runOneDrill(drill, drillRun)));
    } catch (error) {
      // A target that cannot take this drill (no such function, login refused) stops the run,
      // but the drills already run keep their evidence: the result is written, then exit 2.
      if (!isHarnessError(error)) throw error;
      checks.push({ ...skipped(drill, error.message), status: 'error' });
      return { checks, stopped: error };
    }
  }
  return { checks };
}

/** The database drills act on the run's own Postgres, not through the release adapters. */
async function runDatabaseDrills(args: ChaosArgs, context: RunContext): Promise<Check[]> {
  const names = args.dr ? ['db-restore'] : args.drills.filter((name) => DR_DRILL_NAMES.includes(name));
  const checks: Check[] = [];
  for (const name of names) {
    const reason = dbRestoreSkipReason(context);
    if (context.signal.aborted || args.dryRun || reason) {
      const why =
        reason ??
        (args.dryRun
          ? 'dry run: the plan is pg_dump, drop, pg_restore, read back'
          : 'not run: the run was interrupted');
      context.log(`chaos: ${name}: skipped: ${why}`);
      checks.push({
        id: `chaos.${name}.outcome`,
        title: name,
        category: 'resilience',
        severity: 'critical',
        status: 'skip',
        message: why,
        durationMs: 0,
      });
      continue;
    }
    checks.push(...(await runDbRestoreDrill(name, context)));
  }
  return checks;
}

function chaosResult(context: RunContext, args: ChaosArgs, startedAt: Date, checks: Check[]): RunResult {
  const { environment, target, signal } = context;
  return {
    kind: 'chaos',
    environment: environment.profile.name,
    target: target.baseUrl,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    tool: {
      name: args.dr ? `hasivu-drill (disaster-recovery ${quarterOf(startedAt)})` : 'hasivu-drill',
      version: pkg.version,
    },
    checks,
    ...(signal.aborted
      ? {
          aborted: {
            reason: `interrupted (${String((signal.reason as Error | undefined)?.message ?? 'signal')}); rollbacks ran`,
          },
        }
      : {}),
  };
}

/**
 * `npm run test:chaos [-- --drill <name>] [--dry-run]`: runs drills against the target and
 * writes `results/chaos.json` for the scorecard's resilience category, with every drill's
 * journal as evidence. Bad drills, a refused target or unreachable controls end with exit 2
 * before anything is injected.
 */
export const chaosRunner: Runner = {
  kind: 'chaos',
  summary: 'drills: canary rollback, FIS faults, healthy promotion, Redis and Postgres outages; MTTR against the SLA',
  usage: CHAOS_USAGE,
  options: CHAOS_OPTIONS,
  checkArgs: (args) => void parseChaosArgs(args),
  offlineMode(rawArgs) {
    const args = parseChaosArgs(rawArgs);
    if (args.emit) return (environment, log) => emitFisTemplates(args, environment, log);
    if (args.cleanup) return (environment, log) => cleanUp(environment, log, args.adapter);
    return undefined;
  },
  async run(context: RunContext): Promise<RunResult> {
    const args = parseChaosArgs(context.args);
    const startedAt = new Date();
    const { environment, target, log } = context;
    // Every drill is read and validated before anything touches the target.
    const drills = await loadSelectedDrills(args, DR_DRILL_NAMES);
    // Every reason not to start is reported together, exit 2, nothing injected: the demo
    // parent's password for drill traffic, and, per candidate, why it cannot reach the target's
    // release controls (no aws block, no credentials, chaos not allowed, no control API).
    const noPassword = missingPasswordReason(args, drills, target);
    const candidates = adapterCandidates(
      {
        allowProductionChaos: args.allowProductionChaos,
        drills: drills.map((drill) => drill.name),
        canaryFromLatest: args.canaryFromLatest,
        log,
      },
      args.adapter,
    );
    await using adapters = await selectAdapters(target, environment, log, context.signal, candidates).catch(
      (error: unknown) => {
        throw noPassword && isHarnessError(error)
          ? new HarnessError('MISSING_CREDENTIALS', `${noPassword}\n${error.message}`)
          : error;
      },
    );
    if (noPassword) throw new HarnessError('MISSING_CREDENTIALS', noPassword);
    const writesOrders = !args.dryRun && drills.some((drill) => drill.traffic);
    assertChaosAllowed(target.baseUrl, environment.profile, args.allowProductionChaos, {
      writesOrders,
    });
    const http = new ApiClient({
      baseUrl: target.baseUrl,
      timeoutMs: environment.profile.target.requestTimeoutMs,
      maxResponseBytes: environment.profile.target.maxResponseBytes,
    });
    const stamp = args.dr
      ? {
          drWindow: quarterOf(startedAt),
          drFreshnessHours: String(environment.profile.freshnessHours.chaos ?? ''),
        }
      : undefined;
    let drillsRun: DrillsRun;
    try {
      drillsRun = await runReleaseDrills(drills, args, {
        context,
        adapters,
        http,
        ...(stamp ? { stamp } : {}),
      });
      if (!drillsRun.stopped) drillsRun.checks.push(...(await runDatabaseDrills(args, context)));
    } finally {
      await http.close();
    }
    const { checks, stopped } = drillsRun;
    for (const check of checks.filter((c) => c.status === 'fail' || c.status === 'error')) {
      log(`chaos: [${check.status}] ${check.id}: ${check.message ?? check.title}`);
    }
    const result = chaosResult(context, args, startedAt, checks);
    // A plan is no evidence: a dry run leaves the last real drill results in place.
    if (!args.dryRun) await writeRunResult(environment.reportsDir, result);
    if (stopped) throw stopped;
    return result;
  },
};
