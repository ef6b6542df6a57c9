import { describe, expect, it } from 'vitest';
import type { OrderSetReport } from '../traffic/order-set-check.ts';
import type { OrderWrite } from '../traffic/order-write.ts';
import { dbRestoreChecks } from './db-restore-checks.ts';
import { recoveryObjectives, type RestoreTimeline } from './recovery-objectives.ts';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const timeline: RestoreTimeline = {
  backupStartedAt: T0 + 1_000,
  backupCompletedAt: T0 + 1_200,
  destroyedAt: T0 + 3_000,
  restoredAt: T0 + 3_600,
  servingAt: T0 + 3_650,
};
const write = (key: string, orderId: string, endedAt: number): OrderWrite => ({
  key,
  orderId,
  sentAt: endedAt - 10,
  endedAt,
  outcome: 'acknowledged',
  status: 201,
});
const writes = [write('k1', 'o1', T0 + 500), write('k2', 'o2', T0 + 1_500), write('k3', 'o3', T0 + 2_500)];
const report = (lost: string[]): OrderSetReport => ({
  attempted: 3,
  acknowledged: 3,
  failed: 0,
  unknown: 0,
  lost: lost.map((k) => ({ key: k, orderId: k.replace('k', 'o'), reason: 'missing (404)' })),
  unexpected: [],
  unverified: [],
});

describe('recovery objectives', () => {
  it('RTO runs from the drop to the first order served; nothing lost means RPO 0', () => {
    const objectives = recoveryObjectives(timeline, writes, report([]));
    expect(objectives).toEqual({ rtoMs: 650, lost: [], rpoMs: 0, lostBeforeBackup: [] });
  });

  it('orders acknowledged after the backup and lost give the RPO window and are listed by id', () => {
    const objectives = recoveryObjectives(timeline, writes, report(['k3', 'k2']));
    expect(objectives.lost.map((l) => l.orderId)).toEqual(['o2', 'o3']);
    expect(objectives.rpoMs).toBe(1_500);
    expect(objectives.lostBeforeBackup).toEqual([]);
  });

  it('an order acknowledged before the backup and lost is a broken backup', () => {
    const objectives = recoveryObjectives(timeline, writes, report(['k1']));
    expect(objectives.lostBeforeBackup.map((l) => l.orderId)).toEqual(['o1']);
  });
});

describe('db-restore checks', () => {
  const base = {
    drill: 'db-restore',
    orderSet: report([]),
    journalPath: '/r/j.json',
    durationMs: 5_000,
  };
  it('pass against the targets, and fail RPO 0 naming every lost order', () => {
    const ok = dbRestoreChecks({
      ...base,
      objectives: recoveryObjectives(timeline, writes, report([])),
      targets: { rtoMs: 900_000, rpoMs: 0 },
    });
    expect(ok.map((c) => [c.id, c.status])).toEqual([
      ['chaos.db-restore.outcome', 'pass'],
      ['chaos.db-restore.rto', 'pass'],
      ['chaos.db-restore.rpo', 'pass'],
      ['chaos.db-restore.backup-holds-acknowledged-orders', 'pass'],
    ]);
    const late = dbRestoreChecks({
      ...base,
      objectives: recoveryObjectives(timeline, writes, report(['k2', 'k3'])),
      targets: { rtoMs: 900_000, rpoMs: 0 },
    });
    const rpo = late.find((c) => c.id === 'chaos.db-restore.rpo');
    expect(rpo).toMatchObject({
      status: 'fail',
      measured: { value: 1_500, unit: 'ms', target: '<=0' },
    });
    expect(rpo?.message).toContain('2 acknowledged orders lost');
    expect(rpo?.message).toContain('o2, o3');
    expect(late.find((c) => c.id.endsWith('backup-holds-acknowledged-orders'))?.status).toBe('pass');
  });

  it('a drill that could not finish is one error check with the reason', () => {
    expect(
      dbRestoreChecks({
        ...base,
        objectives: undefined,
        error: 'pg_dump failed: x',
        targets: { rtoMs: 1, rpoMs: 0 },
      }),
    ).toMatchObject([{ id: 'chaos.db-restore.outcome', status: 'error', message: 'pg_dump failed: x' }]);
  });
});
