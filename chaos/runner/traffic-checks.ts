import type { Check } from '../../reports/run-result.ts';
import type { ReconciliationReport } from '../traffic/reconcile-writes.ts';
import type { FailureWindow, FaultService, RollbackLeak, TrafficVerification } from '../traffic/verify-traffic.ts';

/** What every check of one drill shares: its id prefix, category, evidence and duration. */
export interface CheckBase {
  id: (aspect: string) => string;
  title: (what: string) => string;
  base: Pick<Check, 'category' | 'evidence' | 'durationMs'>;
}

const pct = (share: number): string => `${Math.round(share * 1000) / 10} %`;

function rollbackVerifiedCheck(checkBase: CheckBase, leak: RollbackLeak, confidence: number): Check {
  const bad = leak.onRolledBack > 0;
  return {
    ...checkBase.base,
    id: checkBase.id('rollback-verified'),
    title: checkBase.title(
      'no order ran on the rolled-back version after the alias read back clean (proved by the traffic)',
    ),
    severity: 'critical',
    status: bad ? 'fail' : leak.requests === 0 ? 'error' : 'pass',
    measured: { value: leak.onRolledBack, unit: 'orders on the rolled-back version', target: '0' },
    message: bad
      ? `${leak.onRolledBack} of ${leak.requests} orders ran on version ${leak.rolledBackVersion} after the rollback (keys ${leak.keys.join(', ')})`
      : leak.requests === 0
        ? 'no order was answered after the rollback, so nothing was proved'
        : `0 of ${leak.requests} orders ran on version ${leak.rolledBackVersion} after the rollback: a leak of ${pct(leak.detectableLeakRate)} or more would have shown with ${pct(confidence)} confidence`,
  };
}

function recoveryHoldsCheck(checkBase: CheckBase, window: FailureWindow, errorRateMax: number): Check {
  const steady = window.steadyState;
  return {
    ...checkBase.base,
    id: checkBase.id('recovery-holds'),
    title: checkBase.title(
      'orders kept succeeding after recovery: the failure rate in the verification window is no worse than the steady state',
    ),
    severity: 'major',
    status: window.worse ? 'fail' : window.requests === 0 ? 'error' : 'pass',
    measured: {
      value: Math.round(window.failureRate * 10_000) / 100,
      unit: '% failed',
      target: `<=${Math.round(window.allowed * 10_000) / 100}`,
    },
    message:
      `${window.failures} of ${window.requests} orders failed in the window after recovery (${pct(window.failureRate)}); ` +
      `steady state ${steady.failures} of ${steady.requests}, SLA error rate ${pct(errorRateMax)}: allowed ${pct(window.allowed)}` +
      `${window.short ? '; the window ended before it was full' : ''}; a failure rate of ${pct(window.detectableFailureRate)} or more would have shown`,
  };
}

/** Whether a write answered with an error was committed anyway (placed beside the order-loss check). */
export function committedDespiteErrorCheck(
  checkBase: CheckBase,
  reconciliation: ReconciliationReport,
  tolerance: number,
): Check {
  const committed = reconciliation.committedDespiteError.length;
  const shared = reconciliation.sharedOrders.length;
  const over = committed > tolerance;
  return {
    ...checkBase.base,
    id: checkBase.id('committed-despite-error'),
    title: checkBase.title(
      'every failed or unanswered write was settled by a retry with its own Idempotency-Key; none answered with an error had been committed',
    ),
    severity: 'critical',
    status: over || shared > 0 ? 'fail' : reconciliation.unsettled.length > 0 ? 'warn' : 'pass',
    measured: {
      value: committed,
      unit: 'orders committed despite an error',
      target: `<=${tolerance}`,
    },
    message:
      `${reconciliation.retried} retried: ${committed} committed despite an error` +
      (committed > 0
        ? ` (${reconciliation.committedDespiteError
            .slice(0, 3)
            .map((w) => `${w.key} → ${w.orderId} after ${w.originalStatus ?? 'no answer'}`)
            .join('; ')})`
        : '') +
      `, ${reconciliation.existedUnanswered} unanswered but committed, ${reconciliation.createdOnRetry} created by the retry, ${reconciliation.unsettled.length} unsettled` +
      (shared > 0
        ? `; ${shared} retries returned an order another key had: ${reconciliation.sharedOrders
            .slice(0, 3)
            .map((s) => `${s.key} and ${s.otherKey} → ${s.orderId}`)
            .join('; ')}`
        : '') +
      `; tolerance profile.sla.committedDespiteErrorMax ${tolerance}`,
  };
}

function serviceDuringFaultCheck(
  checkBase: CheckBase,
  claim: { minSuccessRate: number },
  served: FaultService | undefined,
): Check {
  const rate = served && served.requests > 0 ? served.acknowledged / served.requests : undefined;
  return {
    ...checkBase.base,
    id: checkBase.id('service-during-fault'),
    title: checkBase.title(
      `orders kept succeeding during the fault (at least ${pct(claim.minSuccessRate)} acknowledged)`,
    ),
    severity: 'major',
    status: rate === undefined ? 'error' : rate >= claim.minSuccessRate ? 'pass' : 'fail',
    ...(rate === undefined
      ? { message: 'no order was sent during the fault, so the claim was not tested' }
      : {
          measured: {
            value: Math.round(rate * 10_000) / 100,
            unit: '% acknowledged',
            target: `>=${claim.minSuccessRate * 100}`,
          },
          message: `${served?.acknowledged} of ${served?.requests} orders sent during the fault were acknowledged (${pct(rate)}); the drill claims at least ${pct(claim.minSuccessRate)}`,
        }),
  };
}

/**
 * The verdicts of the drill's own traffic, which the control plane cannot give: whether any
 * request ran on the rolled-back version after the alias read back clean, whether orders kept
 * succeeding after recovery, and whether orders kept working during a fault the drill claims
 * the platform rides out.
 */
export function trafficChecks(
  checkBase: CheckBase,
  verification: TrafficVerification | undefined,
  options: {
    errorRateMax: number;
    serviceDuringFault?: { minSuccessRate: number } | undefined;
    faultService?: FaultService | undefined;
  },
): Check[] {
  const { leak, window } = verification ?? {};
  const claim = options.serviceDuringFault;
  return [
    ...(leak && verification ? [rollbackVerifiedCheck(checkBase, leak, verification.confidence)] : []),
    ...(window ? [recoveryHoldsCheck(checkBase, window, options.errorRateMax)] : []),
    ...(claim ? [serviceDuringFaultCheck(checkBase, claim, options.faultService)] : []),
  ];
}
