import type { Check, Status } from '../../reports/run-result.ts';
import type { Journal } from '../engine/journal.ts';
import type { Drill } from '../model/drill-schema.ts';
import type { OrderSetReport } from '../traffic/order-set-check.ts';
import type { RecoveryFigures } from '../recovery/recovery-figures.ts';
import type { ReconciliationReport } from '../traffic/reconcile-writes.ts';
import type { FaultService, TrafficVerification } from '../traffic/verify-traffic.ts';
import { committedDespiteErrorCheck, trafficChecks, type CheckBase } from './traffic-checks.ts';

/** What a drill left behind after its rollbacks: the promise "no experiment running, no extra weight". */
export interface AfterDrill {
  runningExperiments: string[];
  aliasVersion: string | undefined;
  extraWeights: Record<string, number>;
  /** Why it could not be looked at, if it could not. */
  error?: string;
}

export interface DrillFindings {
  drill: Drill;
  journal: Journal;
  journalPath: string;
  recovery: RecoveryFigures;
  orders: OrderSetReport | undefined;
  after: AfterDrill;
  mttrTargetMs: number;
  durationMs: number;
  /** What the traffic proved after the rollback and the recovery. */
  verification?: TrafficVerification | undefined;
  /** The failed and unanswered writes, settled by retries. */
  reconciliation?: ReconciliationReport | undefined;
  /** How orders fared during the fault (for drills that claim service during it). */
  faultService?: FaultService | undefined;
  /** profile.sla.committedDespiteErrorMax */
  committedDespiteErrorMax?: number;
  /** profile.sla.errorRateMax */
  errorRateMax?: number;
}

/** Checks that judge the platform; they mean nothing when the drill never started, so they are then blocked. */
const KEPT_WHEN_ABORTED = new Set(['no-acknowledged-order-lost', 'committed-despite-error', 'left-clean']);

const STATUS_OF: Record<Journal['status'], Status> = {
  completed: 'pass',
  failed: 'fail',
  aborted: 'blocked',
  interrupted: 'error',
  running: 'error',
};

/**
 * A drill's journal as checks, all in `resilience`, ids `chaos.<drill>.<aspect>`, each with the
 * journal as evidence. Pure, so the mapping is tested without a platform.
 */
export function drillChecks(findings: DrillFindings): Check[] {
  const { drill, journal } = findings;
  const shared: CheckBase = {
    id: (aspect) => `chaos.${drill.name}.${aspect}`,
    title: (what) => `${drill.title}: ${what}`,
    base: {
      category: 'resilience',
      evidence: [findings.journalPath],
      durationMs: findings.durationMs,
    },
  };
  const checks: Check[] = [outcomeCheck(findings, shared)];
  if (drill.expect.recovery) checks.push(...mttrChecks(findings, shared), ...recoveryFigureChecks(findings, shared));
  checks.push(
    ...trafficChecks(shared, findings.verification, {
      errorRateMax: findings.errorRateMax ?? 0,
      serviceDuringFault: drill.expect.serviceDuringFault,
      faultService: findings.faultService,
    }),
    ...alertChecks(findings, shared),
  );
  if (findings.orders) {
    const { reconciliation } = findings;
    checks.push(
      orderLossCheck(findings.orders, shared),
      ...(reconciliation
        ? [committedDespiteErrorCheck(shared, reconciliation, findings.committedDespiteErrorMax ?? 0)]
        : []),
      ...zeroFailedChecks(findings, findings.orders, shared),
    );
  }
  checks.push(leftCleanCheck(findings.after, shared));
  if (journal.status !== 'aborted') return checks;
  return blockedByTheWorld(checks, findings, shared);
}

function outcomeCheck({ drill, journal }: DrillFindings, { base, id, title }: CheckBase): Check {
  return {
    ...base,
    id: id('outcome'),
    title: title('the drill ran through, steady state held before and after, rollbacks ran'),
    severity: drill.severity,
    status: STATUS_OF[journal.status],
    ...(journal.status === 'completed'
      ? {}
      : { message: `${journal.status}: ${journal.reason ?? 'no reason recorded'}` }),
  };
}

/**
 * `detection` is always first observed fault → ALARM, and `rollback` starts where detection
 * ended, so a reader (the HTML timeline) can lay the figures end to end. Without an alarm,
 * the outage's visibility is its own figure.
 */
function recoveryFigureChecks({ recovery }: DrillFindings, { base, id, title }: CheckBase): Check[] {
  const alarmed = recovery.detectionBasis === 'alarm';
  const figures: [aspect: string, value: number | undefined, title: string][] = [
    alarmed
      ? ['detection', recovery.detectionMs, 'detection time (first observed fault → alarm in ALARM)']
      : ['outage-visible', recovery.detectionMs, 'time until the outage showed (fault started → first observed fault)'],
    [
      'rollback',
      recovery.rollbackMs,
      alarmed
        ? 'rollback time (alarm → alias back on the old version)'
        : 'restore time (first observed fault → service back)',
    ],
  ];
  return figures.map(([aspect, value, what]) => ({
    ...base,
    id: id(aspect),
    title: title(what),
    severity: 'minor',
    status: value === undefined ? 'skip' : 'pass',
    ...(value === undefined
      ? { message: `not measured (missing: ${recovery.missing.join(', ') || 'alarm'})` }
      : { measured: { value, unit: 'ms' } }),
  }));
}

function alertChecks({ drill, journal }: DrillFindings, { base, id, title }: CheckBase): Check[] {
  const alertSteps = drill.method.filter((step) => step.run === 'alarm-notification').length;
  if (alertSteps === 0) return [];
  const alerts = journal.run.filter((record) => record.run === 'alarm-notification');
  const failed = alerts.find((record) => record.status !== 'succeeded');
  const ran = alerts.length === alertSteps;
  return [
    {
      ...base,
      id: id('alert-delivered'),
      title: title("the alarm's notification reached a subscriber (alerting works, not only the alarm)"),
      severity: 'major',
      status: failed ? (failed.status === 'failed' ? 'fail' : 'error') : ran ? 'pass' : 'error',
      ...(failed
        ? { message: failed.error ?? failed.status ?? 'failed' }
        : ran
          ? {}
          : { message: 'the drill ended before the notification step' }),
    },
  ];
}

function orderLossCheck(orders: OrderSetReport, { base, id, title }: CheckBase): Check {
  const { lost, unexpected, unverified, acknowledged, failed, unknown } = orders;
  const bad = lost.length + unexpected.length;
  return {
    ...base,
    id: id('no-acknowledged-order-lost'),
    title: title('every acknowledged order reads back as sent (none lost, none unexpected)'),
    severity: 'critical',
    status: bad > 0 ? 'fail' : acknowledged === 0 ? 'error' : unverified.length > 0 ? 'warn' : 'pass',
    measured: { value: lost.length, unit: 'orders lost', target: '0' },
    message:
      `${acknowledged} acknowledged, ${failed} failed, ${unknown} unknown (no answer; reported, not counted as lost); ` +
      `${lost.length} lost, ${unexpected.length} unexpected, ${unverified.length} could not be read back` +
      (bad > 0
        ? `: ${[...lost, ...unexpected]
            .slice(0, 3)
            .map((o) => `${o.orderId} (${o.reason})`)
            .join('; ')}`
        : '') +
      (acknowledged === 0 ? ': no order was acknowledged, so nothing was proved' : ''),
  };
}

function zeroFailedChecks(
  { drill, verification }: DrillFindings,
  orders: OrderSetReport,
  { base, id, title }: CheckBase,
): Check[] {
  if (!drill.expect.zeroFailedRequests) return [];
  const { acknowledged, failed, unknown } = orders;
  return [
    {
      ...base,
      id: id('zero-failed-requests'),
      title: title('no order failed or went unanswered during the whole deployment'),
      severity: drill.severity,
      status: failed + unknown === 0 && acknowledged > 0 ? 'pass' : 'fail',
      measured: { value: failed + unknown, unit: 'requests', target: '0' },
      message:
        `${acknowledged} acknowledged, ${failed} failed, ${unknown} unknown` +
        (verification && failed + unknown === 0
          ? `: a failure rate of ${Math.round(verification.whole.detectableFailureRate * 1000) / 10} % or more would have shown with ${verification.confidence * 100} % confidence`
          : ''),
    },
  ];
}

function leftCleanCheck(after: AfterDrill, { base, id, title }: CheckBase): Check {
  const dirty = after.runningExperiments.length > 0 || Object.keys(after.extraWeights).length > 0 || after.error;
  return {
    ...base,
    id: id('left-clean'),
    title: title('afterwards no experiment runs and the alias has no extra weight'),
    severity: 'critical',
    status: after.error ? 'error' : dirty ? 'fail' : 'pass',
    ...(dirty
      ? {
          message:
            after.error ??
            `running experiments: ${after.runningExperiments.join(', ') || 'none'}; extra weights: ${JSON.stringify(after.extraWeights)}`,
        }
      : {}),
  };
}

/**
 * A drill that could not start (the steady state or a precondition did not hold, or its deadline
 * passed before the fault) proved nothing about the release: the world was not steady. That is
 * one `error`, and every verdict on the platform is `blocked` by it, never a failure.
 */
function blockedByTheWorld(checks: Check[], findings: DrillFindings, { base, id, title }: CheckBase): Check[] {
  const root: Check = {
    ...base,
    id: id('steady-state'),
    title: title('the world was steady before the drill (preconditions and steady-state hypothesis)'),
    severity: findings.drill.severity,
    status: 'error',
    message: `aborted, nothing was injected: ${findings.journal.reason ?? 'no reason recorded'}`,
  };
  const blocked = checks.map((check): Check => {
    if (KEPT_WHEN_ABORTED.has(check.id.slice(id('').length))) return check;
    const { measured: _measured, message: _message, ...rest } = check;
    return {
      ...rest,
      status: 'blocked',
      blockedBy: root.id,
      message: `not judged: ${root.message}`,
    };
  });
  return [root, ...blocked];
}

/**
 * MTTR as users see it: first observed fault → orders succeed again on the old version, and keep
 * succeeding through the verification window. A recovery never seen is a failure with its lower
 * bound (the drill watched that long), never an error: lateness is the platform's, not the drill's.
 */
function mttrChecks(findings: DrillFindings, { base, id, title }: CheckBase): Check[] {
  const { drill, recovery, mttrTargetMs } = findings;
  const measured = recovery.mttrMs;
  const lower = recovery.mttrLowerBoundMs;
  const held = findings.verification?.window?.worse !== true;
  const sla = `SLA ${mttrTargetMs / 1000} s`;
  const mttr: Check = {
    ...base,
    id: id('mttr'),
    title: title('recovery time (first observed fault → orders succeed again on the old version, and keep succeeding)'),
    severity: drill.severity,
    status: 'error',
  };
  if (measured !== undefined && !held) {
    Object.assign(mttr, {
      status: 'blocked',
      blockedBy: id('recovery-holds'),
      message: `orders succeeded again after ${measured} ms but did not keep succeeding through the verification window`,
    });
  } else if (measured !== undefined) {
    Object.assign(mttr, {
      status: measured <= mttrTargetMs ? 'pass' : 'fail',
      measured: { value: measured, unit: 'ms', target: `<${mttrTargetMs}` },
      ...(measured > mttrTargetMs
        ? { message: `recovery took ${measured} ms, above profile.sla.mttrMs ${mttrTargetMs}` }
        : {}),
    });
  } else if (lower !== undefined) {
    Object.assign(mttr, {
      status: 'fail',
      measured: { value: lower, unit: 'ms (lower bound)', target: `<${mttrTargetMs}` },
      message: `recovery not observed within ${Math.round(lower / 100) / 10} s of the first observed fault (MTTR ≥ ${lower} ms); ${sla}`,
    });
  } else {
    mttr.message = `no recovery was observed and no fault either, so there was no clock to run (missing: ${recovery.missing.join(', ')})`;
  }
  const checks = [mttr];
  if (recovery.healthRecoveryMs !== undefined) {
    checks.push({
      ...base,
      id: id('health-recovery'),
      title: title('health recovery (first observed fault → readiness passes again; orders may still fail)'),
      severity: 'minor',
      status: 'pass',
      measured: { value: recovery.healthRecoveryMs, unit: 'ms' },
    });
  }
  return checks;
}
