import { describe, expect, test } from 'vitest';
import { createJournal } from '../engine/create-journal.ts';
import { loadShippedDrill } from '../drills/shipped-drills.ts';
import { drillChecks, type DrillFindings } from './drill-checks.ts';

const drill = await loadShippedDrill('canary-error-rollback');

function findings(overrides: Partial<DrillFindings> = {}): DrillFindings {
  const journal = { ...createJournal(drill, 'http://127.0.0.1:1'), status: 'completed' as const };
  journal.run.push({ name: 'notified', type: 'probe', run: 'alarm-notification', phase: 'method', start: journal.start, end: journal.start, status: 'succeeded' });
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

const status = (checks: ReturnType<typeof drillChecks>, aspect: string) => checks.find((c) => c.id === `chaos.canary-error-rollback.${aspect}`);

describe('a drill as checks', () => {
  test('a clean drill: every check passes, in resilience, with the journal as evidence and MTTR against the SLA', () => {
    const checks = drillChecks(findings());
    expect(checks.every((c) => c.status === 'pass' && c.category === 'resilience' && c.evidence?.[0]?.endsWith('-journal.json'))).toBe(true);
    expect(status(checks, 'mttr')?.measured).toEqual({ value: 1500, unit: 'ms', target: '<120000' });
  });

  test('slow recovery, a lost order and a leftover canary weight each fail their own check', () => {
    const checks = drillChecks(
      findings({
        recovery: { mttrMs: 200_000, missing: [] },
        orders: { attempted: 3, acknowledged: 2, failed: 1, unknown: 0, lost: [{ key: 'k', orderId: 'o1', reason: '404' }], unexpected: [], unverified: [] },
        after: { runningExperiments: ['x (running)'], aliasVersion: '1', extraWeights: { '2': 0.2 } },
      }),
    );
    expect(status(checks, 'mttr')).toMatchObject({ status: 'fail', message: expect.stringContaining('above profile.sla.mttrMs 120000') as unknown });
    expect(status(checks, 'no-acknowledged-order-lost')).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(status(checks, 'left-clean')).toMatchObject({ status: 'fail', message: expect.stringContaining('x (running)') as unknown });
  });

  test('an interrupted drill is an error, not a pass, and a missing recovery says which marks are missing', () => {
    const journal = { ...createJournal(drill, 'x'), status: 'interrupted' as const, reason: 'interrupted by SIGINT' };
    const checks = drillChecks(findings({ journal, recovery: { missing: ['rollbackAt', 'recoveredAt'] } }));
    expect(status(checks, 'outcome')).toMatchObject({ status: 'error', message: 'interrupted: interrupted by SIGINT' });
    expect(status(checks, 'mttr')).toMatchObject({ status: 'error', message: expect.stringContaining('rollbackAt, recoveredAt') as unknown });
    expect(status(checks, 'alert-delivered')).toMatchObject({ status: 'error', message: 'the drill ended before the notification step' });
  });
});
