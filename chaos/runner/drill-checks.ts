import type { Check, Status } from '../../reports/run-result.ts';
import type { Journal } from '../engine/journal.ts';
import type { Drill } from '../model/drill-schema.ts';
import type { OrderSetReport } from '../traffic/order-set-check.ts';
import type { RecoveryFigures } from '../recovery/recovery-figures.ts';

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
}

const STATUS_OF: Record<Journal['status'], Status> = {
  completed: 'pass',
  failed: 'fail',
  aborted: 'error',
  interrupted: 'error',
  running: 'error',
};

/**
 * A drill's journal as checks, all in `resilience`, ids `chaos.<drill>.<aspect>`, each with the
 * journal as evidence. Pure, so the mapping is tested without a platform.
 */
export function drillChecks(f: DrillFindings): Check[] {
  const { drill, journal, recovery } = f;
  const base = { category: 'resilience' as const, evidence: [f.journalPath], durationMs: f.durationMs };
  const id = (aspect: string): string => `chaos.${drill.name}.${aspect}`;
  const checks: Check[] = [
    {
      ...base,
      id: id('outcome'),
      title: `${drill.title}: the drill ran through, steady state held before and after, rollbacks ran`,
      severity: drill.severity,
      status: STATUS_OF[journal.status],
      ...(journal.status === 'completed' ? {} : { message: `${journal.status}: ${journal.reason ?? 'no reason recorded'}` }),
    },
  ];
  if (drill.expect.recovery) {
    const measured = recovery.mttrMs;
    checks.push({
      ...base,
      id: id('mttr'),
      title: `${drill.title}: recovery time (first observed fault → old version serving alone, successfully)`,
      severity: drill.severity,
      status: measured === undefined ? 'error' : measured <= f.mttrTargetMs ? 'pass' : 'fail',
      ...(measured === undefined
        ? { message: `no recovery was observed (missing: ${recovery.missing.join(', ')})` }
        : { measured: { value: measured, unit: 'ms', target: `<${f.mttrTargetMs}` } }),
      ...(measured !== undefined && measured > f.mttrTargetMs
        ? { message: `recovery took ${measured} ms, above profile.sla.mttrMs ${f.mttrTargetMs}` }
        : {}),
    });
    // `detection` is always first observed fault → ALARM, and `rollback` starts where detection
    // ended, so a reader (the HTML timeline) can lay the figures end to end. Without an alarm,
    // the outage's visibility is its own figure.
    const alarmed = recovery.detectionBasis === 'alarm';
    const figures: [aspect: string, value: number | undefined, title: string][] = [
      alarmed
        ? ['detection', recovery.detectionMs, 'detection time (first observed fault → alarm in ALARM)']
        : ['outage-visible', recovery.detectionMs, 'time until the outage showed (fault started → first observed fault)'],
      ['rollback', recovery.rollbackMs, alarmed ? 'rollback time (alarm → alias back on the old version)' : 'restore time (first observed fault → service back)'],
    ];
    for (const [aspect, value, title] of figures) {
      checks.push({
        ...base,
        id: id(aspect),
        title: `${drill.title}: ${title}`,
        severity: 'minor',
        status: value === undefined ? 'skip' : 'pass',
        ...(value === undefined ? { message: `not measured (missing: ${recovery.missing.join(', ') || 'alarm'})` } : { measured: { value, unit: 'ms' } }),
      });
    }
  }
  const alerts = journal.run.filter((r) => r.run === 'alarm-notification');
  const alertSteps = drill.method.filter((s) => s.run === 'alarm-notification').length;
  if (alertSteps > 0) {
    const failed = alerts.find((r) => r.status !== 'succeeded');
    const ran = alerts.length === alertSteps;
    checks.push({
      ...base,
      id: id('alert-delivered'),
      title: `${drill.title}: the alarm's notification reached a subscriber (alerting works, not only the alarm)`,
      severity: 'major',
      status: failed ? (failed.status === 'failed' ? 'fail' : 'error') : ran ? 'pass' : 'error',
      ...(failed ? { message: failed.error ?? failed.status ?? 'failed' } : ran ? {} : { message: 'the drill ended before the notification step' }),
    });
  }
  if (f.orders) {
    const { lost, unexpected, unverified, acknowledged, failed, unknown } = f.orders;
    const bad = lost.length + unexpected.length;
    checks.push({
      ...base,
      id: id('no-acknowledged-order-lost'),
      title: `${drill.title}: every acknowledged order reads back as sent (none lost, none unexpected)`,
      severity: 'critical',
      status: bad > 0 ? 'fail' : acknowledged === 0 ? 'error' : unverified.length > 0 ? 'warn' : 'pass',
      measured: { value: lost.length, unit: 'orders lost', target: '0' },
      message:
        `${acknowledged} acknowledged, ${failed} failed, ${unknown} unknown (no answer; reported, not counted as lost); ` +
        `${lost.length} lost, ${unexpected.length} unexpected, ${unverified.length} could not be read back` +
        (bad > 0 ? `: ${[...lost, ...unexpected].slice(0, 3).map((o) => `${o.orderId} (${o.reason})`).join('; ')}` : '') +
        (acknowledged === 0 ? ': no order was acknowledged, so nothing was proved' : ''),
    });
    if (drill.expect.zeroFailedRequests) {
      checks.push({
        ...base,
        id: id('zero-failed-requests'),
        title: `${drill.title}: no order failed or went unanswered during the whole deployment`,
        severity: drill.severity,
        status: failed + unknown === 0 && acknowledged > 0 ? 'pass' : 'fail',
        measured: { value: failed + unknown, unit: 'requests', target: '0' },
        message: `${acknowledged} acknowledged, ${failed} failed, ${unknown} unknown`,
      });
    }
  }
  const dirty = f.after.runningExperiments.length > 0 || Object.keys(f.after.extraWeights).length > 0 || f.after.error;
  checks.push({
    ...base,
    id: id('left-clean'),
    title: `${drill.title}: afterwards no experiment runs and the alias has no extra weight`,
    severity: 'critical',
    status: f.after.error ? 'error' : dirty ? 'fail' : 'pass',
    ...(dirty
      ? {
          message:
            f.after.error ??
            `running experiments: ${f.after.runningExperiments.join(', ') || 'none'}; extra weights: ${JSON.stringify(f.after.extraWeights)}`,
        }
      : {}),
  });
  return checks;
}
