import { join } from 'node:path';
import type { RunContext } from '../../runner/runner.ts';
import { onForcedExit } from '../../common/forced-exit-hooks.ts';
import { HarnessError } from '../../common/harness-error.ts';
import { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { displayPath } from '../../common/display-path.ts';
import type { Check } from '../../reports/run-result.ts';
import { deploymentPreconditions } from '../activities/deployment-ready.ts';
import { drillExecutor } from '../activities/drill-executor.ts';
import { waitUntil } from '../activities/wait-until.ts';
import { isFinalExperimentStatus } from '../../common/aws-shapes/fis.ts';
import type { DrillAdapters } from '../adapters/drill-adapters.ts';
import { createJournal } from '../engine/create-journal.ts';
import { applyChange } from '../engine/journal-changes.ts';
import { JournalFile } from '../engine/journal-file.ts';
import type { Journal } from '../engine/journal.ts';
import { runDrill } from '../engine/run-drill.ts';
import type { Drill } from '../model/drill-schema.ts';
import { recoveryFigures, type RecoveryFigures } from '../recovery/recovery-figures.ts';
import { openOrderSession, type OrderSession } from '../traffic/demo-session.ts';
import { subscribeDrillAlarms, type DrillSubscriptions } from '../notifications/subscribe-drill-alarms.ts';
import { startOrderTraffic, type OrderTraffic } from '../traffic/order-traffic.ts';
import { drillChecks, type AfterDrill } from './drill-checks.ts';
import { emergencyStop } from './emergency-stop.ts';
import { settleTraffic, type SettledTraffic } from './settle-traffic.ts';

export interface DrillRun {
  context: RunContext;
  adapters: DrillAdapters;
  /** For HTTP probes, with the profile's request deadline. */
  http: ApiClient;
  /** Stamped into the journal, e.g. the quarter of a disaster-recovery drill. */
  stamp?: Record<string, string>;
}

export function journalPathFor(reportsDir: string, drill: Drill): string {
  return join(reportsDir, 'chaos', `${drill.name}-journal.json`);
}

/** Why a drill cannot run on this target, or undefined when it can. */
export function skipReason(drill: Drill, adapters: DrillAdapters): string | undefined {
  if (drill.requires.includes('service-control')) {
    const deps = adapters.dependencies;
    if (!deps)
      return "the target's Postgres and Redis were not started by this run, so they cannot be stopped (run against the local profile)";
    if (deps.provider === 'external')
      return 'the services are external (DATABASE_URL/REDIS_URL): the harness cannot stop them; use HARNESS_SERVICES=native or testcontainers';
    // On AWS the outage is a FIS action on a resource the profile must name.
    for (const step of drill.method) {
      const missing = step.run === 'stop-service' ? deps.missing?.(step.service) : undefined;
      if (missing) return missing;
    }
  }
  return undefined;
}

/** How long the after-drill look waits for experiments asked to stop to leave `stopping`. */
const STOPPING_SETTLE_MS = 30_000;

/**
 * What the drill left behind. `stopping` is not `running`: an experiment the rollbacks asked to
 * stop is given a bounded wait to settle, and one still stopping after it is named as such.
 */
async function afterDrill(
  drill: Drill,
  adapters: DrillAdapters,
): Promise<AfterDrill & { stoppingExperiments: string[] }> {
  const signal = AbortSignal.timeout(10_000 + STOPPING_SETTLE_MS);
  try {
    const [listed, alias] = await Promise.all([
      adapters.injector.list(signal),
      adapters.observer.getAlias(drill.function, drill.alias, signal),
    ]);
    let experiments = listed.filter((e) => !isFinalExperimentStatus(e.state.status));
    if (experiments.some((e) => e.state.status === 'stopping')) {
      await waitUntil(
        'experiments to leave stopping',
        async () => {
          experiments = await Promise.all(experiments.map((e) => adapters.injector.get(e.id, signal)));
          experiments = experiments.filter((e) => !isFinalExperimentStatus(e.state.status));
          return experiments.some((e) => e.state.status === 'stopping') ? undefined : true;
        },
        { timeoutMs: STOPPING_SETTLE_MS, intervalMs: 2_000, signal },
      ).catch(() => undefined);
    }
    return {
      runningExperiments: experiments
        .filter((e) => e.state.status !== 'stopping')
        .map((e) => `${e.id} (${e.state.status})`),
      stoppingExperiments: experiments.filter((e) => e.state.status === 'stopping').map((e) => e.id),
      aliasVersion: alias.FunctionVersion,
      extraWeights: alias.RoutingConfig?.AdditionalVersionWeights ?? {},
    };
  } catch (error) {
    return {
      runningExperiments: [],
      stoppingExperiments: [],
      aliasVersion: undefined,
      extraWeights: {},
      error: `could not look after the drill: ${(error as Error).message}`,
    };
  }
}

/**
 * One drill, start to evidence: reads the alias it will come back to, starts the order traffic,
 * runs the engine, stops the traffic, reads every acknowledged order back, looks at what the
 * drill left behind, and turns it all into checks. The journal is on disk throughout.
 */
export async function runOneDrill(drill: Drill, run: DrillRun): Promise<Check[]> {
  const { context, adapters } = run;
  const { environment, target } = context;
  const started = Date.now();
  const path = journalPathFor(environment.reportsDir, drill);
  const file = new JournalFile(path, createJournal(drill, target.baseUrl, { adapters: adapters.describe() }));
  const journal = file.journal;
  Object.assign(journal.extra, run.stamp ?? {});
  adapters.recordChanges?.(async (change) => {
    applyChange(journal, change);
    await file.flush();
  });
  try {
    return await runJournaledDrill(drill, run, file, path, started);
  } finally {
    adapters.recordChanges?.(undefined);
  }
}

/** The version the drill must come back to; a target without the alias is no place for the drill. */
async function recordPreviousVersion(drill: Drill, run: DrillRun, journal: Journal): Promise<void> {
  try {
    journal.versions.previous = (
      await run.adapters.observer.getAlias(drill.function, drill.alias, run.context.signal)
    ).FunctionVersion;
  } catch (error) {
    throw new HarnessError(
      'DRILL_TARGET',
      `drill ${drill.name}: cannot read alias ${drill.alias} of function ${drill.function} on the target (${(error as Error).message}); nothing was injected`,
    );
  }
}

function recordSubscriptions(journal: Journal, subscriptions: DrillSubscriptions, adapters: DrillAdapters): void {
  journal.extra.notifications = {
    subscribed: subscriptions.alarms,
    // On AWS the loopback receiver hears nothing: delivery is read from the alarm history, in the step's output.
    via: adapters.alarms.lookUpDelivery ? 'alarm history (Action items)' : 'receiver',
    received: subscriptions.receiver.received,
  };
}

/** The drill's own orders, sent as the demo parent through a client of their own. */
interface DrillTraffic {
  traffic: OrderTraffic;
  client: ApiClient;
  session: OrderSession;
}

async function startDrillTraffic(drill: Drill, context: RunContext): Promise<DrillTraffic | undefined> {
  if (!drill.traffic) return undefined;
  const { environment, target } = context;
  const { protections } = environment.profile;
  const client = new ApiClient({
    baseUrl: target.baseUrl,
    timeoutMs: drill.traffic.requestTimeoutMs,
    maxResponseBytes: environment.profile.target.maxResponseBytes,
  });
  const session = await openOrderSession(client, target.credentials, environment.profile.auth.loginPath);
  const traffic = startOrderTraffic(client, session, {
    ratePerSecond: Math.min(drill.traffic.ratePerSecond, protections.maxRequestRate),
    maxRatePerSecond: protections.maxRequestRate,
    maxRequests: drill.traffic.maxRequests,
    maxDurationMs: drill.deadlineMs,
    slowMs: drill.traffic.slowMs,
    keyPrefix: `drill-${drill.name}-${Date.now().toString(36)}`,
  });
  return { traffic, client, session };
}

/**
 * The engine, then the traffic stopped and every acknowledged order read back. Until the orders
 * are read back, a second signal still sends the drill's stop requests.
 */
async function runEngine(
  drill: Drill,
  run: DrillRun,
  file: JournalFile,
  orders: DrillTraffic | undefined,
  notifications: DrillSubscriptions['receiver'] | undefined,
): Promise<SettledTraffic | undefined> {
  const { context, adapters } = run;
  let settled: SettledTraffic | undefined;
  const unregister = onForcedExit(emergencyStop(drill, adapters, file));
  try {
    await runDrill({
      drill,
      executor: drillExecutor({
        drill,
        journal: file,
        adapters,
        http: run.http,
        traffic: orders?.traffic,
        log: context.log,
        notifications,
      }),
      journal: file,
      signal: context.signal,
      preconditions: deploymentPreconditions(drill),
    }).finally(async () => {
      if (orders) {
        settled = await settleTraffic(
          drill,
          file.journal,
          orders.traffic,
          orders.client,
          orders.session,
          context.environment.profile.sla.errorRateMax,
        );
        await orders.client.close();
      }
    });
  } finally {
    unregister();
  }
  return settled;
}

/** A fault started but never seen: the adapters may say why (e.g. the fault hit nothing the traffic reaches). */
async function diagnoseUnreachedFault(drill: Drill, run: DrillRun, journal: Journal): Promise<void> {
  const { faultStartedAt, firstFaultAt } = journal.marks;
  if (!faultStartedAt || firstFaultAt || !run.adapters.diagnoseUnreachedFault) return;
  const waitedMs = Date.now() - Date.parse(faultStartedAt);
  const diagnosis = await run.adapters
    .diagnoseUnreachedFault(drill.function, waitedMs, AbortSignal.timeout(10_000))
    .catch((error: unknown) => `the fault was never observed; diagnosing it failed: ${(error as Error).message}`);
  journal.extra.unreachedFault = diagnosis;
  run.context.log(`chaos: ${drill.name}: ${diagnosis}`);
}

function summaryLine(journal: Journal, recovery: RecoveryFigures, settled: SettledTraffic | undefined): string {
  const leak = settled?.verification.leak;
  return [
    `${journal.status}`,
    recovery.mttrMs !== undefined ? `MTTR ${recovery.mttrMs} ms` : '',
    leak ? `${leak.onRolledBack} of ${leak.requests} orders on the rolled-back version` : '',
    journal.reason ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

async function runJournaledDrill(
  drill: Drill,
  run: DrillRun,
  file: JournalFile,
  path: string,
  started: number,
): Promise<Check[]> {
  const { context, adapters } = run;
  const { environment, log } = context;
  const journal = file.journal;
  await recordPreviousVersion(drill, run, journal);
  // Subscribed before anything else starts, unsubscribed however this function ends.
  await using subscriptions = await subscribeDrillAlarms(drill, adapters, context.signal);
  if (subscriptions) recordSubscriptions(journal, subscriptions, adapters);
  const orders = await startDrillTraffic(drill, context);
  log(`chaos: ${drill.name}: ${drill.title} (journal ${displayPath(path)})`);
  const settled = await runEngine(drill, run, file, orders, subscriptions?.receiver);
  // What the adapters made for the drill itself (AWS: the bad release's FIS fault) ends with it.
  await adapters.endDrill?.(AbortSignal.timeout(60_000)).catch((error: unknown) => {
    log(`chaos: ${drill.name}: could not end what the adapters started for the drill: ${(error as Error).message}`);
  });
  const after = await afterDrill(drill, adapters);
  await diagnoseUnreachedFault(drill, run, journal);
  // The method's end is where the drill stopped watching for the platform's own recovery.
  const recovery = recoveryFigures(
    journal.marks,
    Date.parse(journal.rollbacks[0]?.start ?? journal.end ?? new Date().toISOString()),
  );
  journal.extra.recovery = recovery;
  journal.extra.after = after;
  await file.flush();
  log(`chaos: ${drill.name}: ${summaryLine(journal, recovery, settled)}`);
  const { sla } = environment.profile;
  return drillChecks({
    drill,
    journal,
    journalPath: displayPath(path),
    recovery,
    orders: settled?.orders,
    verification: settled?.verification,
    reconciliation: settled?.reconciliation,
    faultService: settled?.faultService,
    committedDespiteErrorMax: sla.committedDespiteErrorMax,
    errorRateMax: sla.errorRateMax,
    after,
    mttrTargetMs: sla.mttrMs,
    durationMs: Date.now() - started,
  });
}
