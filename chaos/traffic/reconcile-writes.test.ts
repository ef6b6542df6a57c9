import { describe, expect, test } from 'vitest';
import type { OrderWrite } from './order-write.ts';
import { reconcileWrites, type WriteRetry } from './reconcile-writes.ts';

const writes: OrderWrite[] = [
  { key: 'a', sentAt: 1, outcome: 'acknowledged', orderId: 'o-a' },
  { key: 'b', sentAt: 2, outcome: 'failed', status: 503 },
  { key: 'c', sentAt: 3, outcome: 'failed', status: 503 },
  { key: 'd', sentAt: 4, outcome: 'unknown' },
  { key: 'e', sentAt: 5, outcome: 'failed', status: 500 },
  { key: 'f', sentAt: 6, outcome: 'failed', status: 503 },
];

describe('settling every write', () => {
  test('a retry that finds the order committed after an error is counted; created, unanswered and unsettled ones apart', () => {
    const retries: WriteRetry[] = [
      { key: 'b', original: 'failed', originalStatus: 503, status: 201, orderId: 'o-b', existed: true },
      { key: 'c', original: 'failed', originalStatus: 503, status: 201, orderId: 'o-c', existed: false },
      { key: 'd', original: 'unknown', status: 201, orderId: 'o-d', existed: true },
      { key: 'e', original: 'failed', originalStatus: 500, status: undefined, existed: false },
      { key: 'f', original: 'failed', originalStatus: 503, status: 201, orderId: 'o-a', existed: true },
    ];
    const report = reconcileWrites(writes, retries);
    expect(report.retried).toBe(5);
    expect(report.committedDespiteError.map((w) => w.key)).toEqual(['b', 'f']);
    expect(report.createdOnRetry).toBe(1);
    expect(report.existedUnanswered).toBe(1);
    expect(report.unsettled).toEqual([{ key: 'e', reason: 'the retry got no answer' }]);
    // Two keys, one order: a failure whatever else happened.
    expect(report.sharedOrders).toEqual([{ key: 'f', orderId: 'o-a', otherKey: 'a' }]);
  });
});
