import { describe, expect, test } from 'vitest';
import { checkOrderSet, type ReadBack, type SentOrder } from './order-set-check.ts';
import type { OrderWrite } from './order-write.ts';

const SENT: SentOrder = {
  studentId: 'student-1',
  deliveryDate: '2026-12-02',
  items: [{ menuItemId: 'item-1', quantity: 1 }],
  totalMinor: 4500,
};
const stored = (overrides: Partial<SentOrder> = {}): ReadBack['order'] => ({ ...SENT, ...overrides });

function write(key: string, outcome: OrderWrite['outcome'], orderId?: string): OrderWrite {
  return { key, sentAt: 0, endedAt: 1, outcome, ...(orderId ? { orderId, totalMinor: 4500 } : {}) };
}

describe('the order set check', () => {
  test('every acknowledged order read back as sent: nothing lost, nothing unexpected', () => {
    const writes = [write('k1', 'acknowledged', 'o1'), write('k2', 'acknowledged', 'o2'), write('k3', 'failed')];
    const backs = new Map<string, ReadBack>([
      ['o1', { orderId: 'o1', status: 200, order: stored() }],
      ['o2', { orderId: 'o2', status: 200, order: stored() }],
    ]);
    const report = checkOrderSet(writes, backs, SENT);
    expect(report).toMatchObject({
      attempted: 3,
      acknowledged: 2,
      failed: 1,
      unknown: 0,
      lost: [],
      unexpected: [],
      unverified: [],
    });
  });

  test('an acknowledged order that reads back 404 is lost', () => {
    const report = checkOrderSet(
      [write('k1', 'acknowledged', 'o1'), write('k2', 'acknowledged', 'o2')],
      new Map([
        ['o1', { orderId: 'o1', status: 200, order: stored() }],
        ['o2', { orderId: 'o2', status: 404 }],
      ]),
      SENT,
    );
    expect(report.lost).toEqual([{ key: 'k2', orderId: 'o2', reason: expect.stringContaining('404') as unknown }]);
  });

  test('two keys acknowledged with one order id: the second write is lost', () => {
    const report = checkOrderSet(
      [write('k1', 'acknowledged', 'o1'), write('k2', 'acknowledged', 'o1')],
      new Map([['o1', { orderId: 'o1', status: 200, order: stored() }]]),
      SENT,
    );
    expect(report.lost.map((l) => l.key)).toEqual(['k2']);
  });

  test('an acknowledged id holding a different order is unexpected, naming the fields that differ', () => {
    const report = checkOrderSet(
      [write('k1', 'acknowledged', 'o1')],
      new Map([['o1', { orderId: 'o1', status: 200, order: stored({ studentId: 'someone-else', totalMinor: 1 }) }]]),
      SENT,
    );
    expect(report.unexpected).toHaveLength(1);
    expect(report.unexpected[0]?.reason).toContain('studentId, totalMinor');
    expect(report.lost).toEqual([]);
  });

  test('unknown writes are counted, never lost; a read-back without an answer is unverified', () => {
    const report = checkOrderSet(
      [write('k1', 'unknown'), write('k2', 'acknowledged', 'o2'), write('k3', 'acknowledged', 'o3')],
      new Map<string, ReadBack>([
        ['o2', { orderId: 'o2', status: undefined }],
        ['o3', { orderId: 'o3', status: 503 }],
      ]),
      SENT,
    );
    expect(report.unknown).toBe(1);
    expect(report.lost).toEqual([]);
    expect(report.unverified.map((u) => u.key)).toEqual(['k2', 'k3']);
  });
});
