import { detectableRate } from './detection-power.ts';
import type { OrderWrite } from './order-write.ts';

export interface VerifyTrafficOptions {
  /** Epoch ms the alias was seen back on the old version with no extra weight. */
  rollbackAt?: number | undefined;
  /** The version the rollback moved traffic away from: no request may run on it afterwards. */
  rolledBackVersion?: string | undefined;
  /** Epoch ms the fault started: earlier writes are the steady state. */
  faultStartedAt?: number | undefined;
  /** Epoch ms the recovery window starts (the send time of the first write of the recovery streak). */
  windowStart?: number | undefined;
  /** How many answered writes make the window. */
  windowRequests: number;
  confidence: number;
  /** profile.sla.errorRateMax: a steady state too short to measure still allows this share. */
  errorRateMax: number;
}

export interface RollbackLeak {
  rolledBackVersion: string;
  /** Answered writes sent after the alias read back clean: the sample the leak is judged on. */
  requests: number;
  onRolledBack: number;
  keys: string[];
  /** The smallest leak share this sample would have shown with the drill's confidence. */
  detectableLeakRate: number;
}

export interface FailureWindow {
  from: string;
  requests: number;
  /** Fewer answered writes than the window asks for came in before the traffic ended. */
  short: boolean;
  failures: number;
  failureRate: number;
  /** The smallest failure share the window would have shown with the drill's confidence. */
  detectableFailureRate: number;
  steadyState: { requests: number; failures: number };
  /** The share the window may fail: the steady state's, or the SLA's error rate if higher. */
  allowed: number;
  /** The window's failure share is above `allowed`. */
  worse: boolean;
}

export interface TrafficVerification {
  confidence: number;
  /** Every answered write of the drill: the power behind a claim about the whole drill (zero failed requests). */
  whole: { requests: number; failures: number; detectableFailureRate: number };
  leak?: RollbackLeak;
  window?: FailureWindow;
}

const answered = (w: OrderWrite): boolean => w.outcome !== undefined;
const failedWrite = (w: OrderWrite): boolean => w.outcome !== 'acknowledged';

/**
 * What the drill's own traffic says about a rollback and a recovery, whatever the control plane
 * says: how many requests ran on the rolled-back version after the alias read back clean, and
 * whether orders failed more often in the window after recovery than before the fault. Pure.
 */
export function verifyTraffic(writes: readonly OrderWrite[], options: VerifyTrafficOptions): TrafficVerification {
  const { confidence } = options;
  const all = writes.filter(answered);
  const verification: TrafficVerification = {
    confidence,
    whole: {
      requests: all.length,
      failures: all.filter(failedWrite).length,
      detectableFailureRate: detectableRate(all.length, confidence),
    },
  };
  if (options.rollbackAt !== undefined && options.rolledBackVersion !== undefined) {
    const after = writes.filter((w) => w.sentAt >= (options.rollbackAt ?? Infinity) && w.executedVersion !== undefined);
    const leaked = after.filter((w) => w.executedVersion === options.rolledBackVersion);
    verification.leak = {
      rolledBackVersion: options.rolledBackVersion,
      requests: after.length,
      onRolledBack: leaked.length,
      keys: leaked.slice(0, 5).map((w) => w.key),
      detectableLeakRate: detectableRate(after.length, confidence),
    };
  }
  if (options.windowStart !== undefined) {
    const window = writes
      .filter((w) => w.sentAt >= (options.windowStart ?? Infinity) && answered(w))
      .slice(0, options.windowRequests);
    const steady =
      options.faultStartedAt === undefined
        ? []
        : writes.filter((w) => w.sentAt < (options.faultStartedAt ?? 0) && answered(w));
    const failures = window.filter(failedWrite).length;
    const steadyFailures = steady.filter(failedWrite).length;
    // A steady state of a few seconds cannot tell 0 % from 1 %: the SLA's error rate is the floor.
    const allowed = Math.max(steady.length === 0 ? 0 : steadyFailures / steady.length, options.errorRateMax);
    const failureRate = window.length === 0 ? 0 : failures / window.length;
    verification.window = {
      from: new Date(options.windowStart).toISOString(),
      requests: window.length,
      short: window.length < options.windowRequests,
      failures,
      failureRate,
      detectableFailureRate: detectableRate(window.length, confidence),
      steadyState: { requests: steady.length, failures: steadyFailures },
      allowed,
      worse: failureRate > allowed,
    };
  }
  return verification;
}

/** How the orders sent during a fault fared (fault started → service back). */
export interface FaultService {
  from: string;
  to: string;
  requests: number;
  acknowledged: number;
}

/** Pure: the answered writes sent between `from` and `to` (epoch ms), and how many were acknowledged. */
export function serviceDuringFault(writes: readonly OrderWrite[], from: number, to: number): FaultService {
  const during = writes.filter((w) => w.sentAt >= from && w.sentAt <= to && answered(w));
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    requests: during.length,
    acknowledged: during.filter((w) => w.outcome === 'acknowledged').length,
  };
}
