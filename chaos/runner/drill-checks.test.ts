import { describe, expect, test } from 'vitest';
import { createJournal } from '../engine/create-journal.ts';
import { loadShippedDrill } from '../drills/shipped-drills.ts';
import { drillChecks, type DrillFindings } from './drill-checks.ts';

const drill = await loadShippedDrill('canary-error-rollback');

function findings(overrides: Partial<DrillFindings> = {}): DrillFindings {
  const journal = { ...createJournal(drill, 'http://127.0.0.1:1'), status: 'completed' as const };
  journal.run.push({
    name: 'notified',
    type: 'probe',
    run: 'alarm-notification',
    phase: 'method',
    start: journal.start,
    end: journal.start,
    status: 'succeeded',
  });
  return {
    drill,
    journal,
    journalPath: 'reports/out/chaos/canary-error-rollback-journal.json',
    recovery: { mttrMs: 1500, detectionMs: 1000, detectionBasis: 'alarm', rollbackMs: 100, missing: [] },
    orders: { attempted: 10, acknowledged: 8, failed: 2, unknown: 0, lost: [], unexpected: [], unverified: [] },
    after: { runningExperiments: [], aliasVersion: '1', extraWeights: {} },
    mttrTargetMs: 120_000,
    durationMs: 5000,
    ...overrides,
  };
}

const status = (checks: ReturnType<typeof drillChecks>, aspect: string) =>
  checks.find((c) => c.id === `chaos.canary-error-rollback.${aspect}`);

describe('a drill as checks', () => {
  test('a clean drill: every check passes, in resilience, with the journal as evidence and MTTR against the SLA', () => {
    const checks = drillChecks(findings());
    expect(
      checks.every(
        (c) => c.status === 'pass' && c.category === 'resilience' && c.evidence?.[0]?.endsWith('-journal.json'),
      ),
    ).toBe(true);
    expect(status(checks, 'mttr')?.measured).toEqual({ value: 1500, unit: 'ms', target: '<120000' });
  });

  test('slow recovery, a lost order and a leftover canary weight each fail their own check', () => {
    const checks = drillChecks(
      findings({
        recovery: { mttrMs: 200_000, missing: [] },
        orders: {
          attempted: 3,
          acknowledged: 2,
          failed: 1,
          unknown: 0,
          lost: [{ key: 'k', orderId: 'o1', reason: '404' }],
          unexpected: [],
          unverified: [],
        },
        after: { runningExperiments: ['x (running)'], aliasVersion: '1', extraWeights: { '2': 0.2 } },
      }),
    );
    expect(status(checks, 'mttr')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('above profile.sla.mttrMs 120000') as unknown,
    });
    expect(status(checks, 'no-acknowledged-order-lost')).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(status(checks, 'left-clean')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('x (running)') as unknown,
    });
  });

  test('an interrupted drill is an error, not a pass, and a missing recovery says which marks are missing', () => {
    const journal = { ...createJournal(drill, 'x'), status: 'interrupted' as const, reason: 'interrupted by SIGINT' };
    const checks = drillChecks(findings({ journal, recovery: { missing: ['rollbackAt', 'recoveredAt'] } }));
    expect(status(checks, 'outcome')).toMatchObject({ status: 'error', message: 'interrupted: interrupted by SIGINT' });
    expect(status(checks, 'mttr')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('rollbackAt, recoveredAt') as unknown,
    });
    expect(status(checks, 'mttr')?.message).toContain('no fault either');
    expect(status(checks, 'alert-delivered')).toMatchObject({
      status: 'error',
      message: 'the drill ended before the notification step',
    });
  });

  test('a recovery not seen before the drill stopped watching fails MTTR with its lower bound and the SLA', () => {
    const journal = { ...createJournal(drill, 'x'), status: 'failed' as const, reason: 'late' };
    const checks = drillChecks(
      findings({ journal, recovery: { mttrLowerBoundMs: 90_000, missing: ['rollbackAt', 'recoveredAt'] } }),
    );
    expect(status(checks, 'mttr')).toMatchObject({
      status: 'fail',
      measured: { value: 90_000, unit: 'ms (lower bound)', target: '<120000' },
      message: 'recovery not observed within 90 s of the first observed fault (MTTR ≥ 90000 ms); SLA 120 s',
    });
  });

  test('a leak after the rollback, a worse window and a write committed despite an error each fail a check of their own', () => {
    const checks = drillChecks(
      findings({
        verification: {
          confidence: 0.95,
          whole: { requests: 600, failures: 30, detectableFailureRate: 0.005 },
          leak: { rolledBackVersion: '2', requests: 312, onRolledBack: 7, keys: ['k1'], detectableLeakRate: 0.0096 },
          window: {
            from: 'x',
            requests: 300,
            short: false,
            failures: 30,
            failureRate: 0.1,
            detectableFailureRate: 0.01,
            steadyState: { requests: 100, failures: 0 },
            allowed: 0.01,
            worse: true,
          },
        },
        reconciliation: {
          retried: 3,
          committedDespiteError: [{ key: 'k', orderId: 'o', originalStatus: 503 }],
          existedUnanswered: 0,
          createdOnRetry: 2,
          unsettled: [],
          sharedOrders: [],
        },
      }),
    );
    expect(status(checks, 'rollback-verified')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^7 of 312 orders ran on version 2 after the rollback/) as unknown,
    });
    expect(status(checks, 'recovery-holds')?.status).toBe('fail');
    // MTTR is not a second failure for the same cause: it waits on the window.
    expect(status(checks, 'mttr')).toMatchObject({
      status: 'blocked',
      blockedBy: 'chaos.canary-error-rollback.recovery-holds',
    });
    expect(status(checks, 'committed-despite-error')).toMatchObject({
      status: 'fail',
      severity: 'critical',
      measured: { value: 1, target: '<=0' },
    });
    const tolerated = drillChecks(
      findings({
        committedDespiteErrorMax: 1,
        reconciliation: {
          retried: 1,
          committedDespiteError: [{ key: 'k', orderId: 'o' }],
          existedUnanswered: 0,
          createdOnRetry: 0,
          unsettled: [],
          sharedOrders: [],
        },
      }),
    );
    expect(status(tolerated, 'committed-despite-error')?.status).toBe('pass');
  });

  test('an aborted drill is one steady-state error; its verdicts are blocked by it, its data checks still stand', () => {
    const journal = {
      ...createJournal(drill, 'x'),
      status: 'aborted' as const,
      reason: 'the steady state did not hold before the method, so nothing was injected: quiet: alarm x in ALARM',
    };
    const checks = drillChecks(findings({ journal, recovery: { missing: ['firstFaultAt'] } }));
    expect(checks[0]).toMatchObject({
      id: 'chaos.canary-error-rollback.steady-state',
      status: 'error',
      message: expect.stringContaining('alarm x in ALARM') as unknown,
    });
    for (const aspect of ['outcome', 'mttr', 'alert-delivered']) {
      expect(status(checks, aspect)).toMatchObject({
        status: 'blocked',
        blockedBy: 'chaos.canary-error-rollback.steady-state',
      });
    }
    expect(status(checks, 'no-acknowledged-order-lost')?.status).toBe('pass');
    expect(status(checks, 'left-clean')?.status).toBe('pass');
  });
});
