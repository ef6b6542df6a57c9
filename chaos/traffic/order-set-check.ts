import type { OrderWrite } from './order-write.ts';

/** What `GET /orders/{id}` said about one acknowledged order after the drill. */
export interface ReadBack {
  orderId: string;
  /** The HTTP status, or `undefined` when no answer came in time. */
  status: number | undefined;
  order?: { studentId?: unknown; deliveryDate?: unknown; totalMinor?: unknown; items?: unknown };
}

export interface SentOrder {
  studentId: string;
  deliveryDate: string;
  items: { menuItemId: string; quantity: number }[];
  totalMinor: number;
}

export interface OrderSetReport {
  attempted: number;
  acknowledged: number;
  failed: number;
  unknown: number;
  /** Acknowledged, and then missing (404), or acknowledged under an id another key also got. */
  lost: { key: string; orderId: string; reason: string }[];
  /** Present under an acknowledged id, but not the order that write sent. */
  unexpected: { key: string; orderId: string; reason: string }[];
  /** The read-back itself got no usable answer; neither lost nor safe. */
  unverified: { key: string; orderId: string; reason: string }[];
}

function sameItems(stored: unknown, sent: SentOrder['items']): boolean {
  if (!Array.isArray(stored) || stored.length !== sent.length) return false;
  return sent.every((item, index) => {
    const got = stored[index] as { menuItemId?: unknown; quantity?: unknown } | undefined;
    return got?.menuItemId === item.menuItemId && got.quantity === item.quantity;
  });
}

/**
 * The set check behind "no acknowledged order lost". Pure: the writes the traffic made, and what
 * reading each acknowledged one back returned.
 *
 * The order API can only be read by id (there is no listing), so "present but never attempted"
 * is judged where that is visible: an acknowledged id whose stored order is not the one its
 * write sent (another student, date, items or total). An order created by a request the harness
 * never sent, under an id it was never given, cannot be seen through this API; docs/chaos.md says so.
 */
export function checkOrderSet(
  writes: readonly OrderWrite[],
  readBacks: ReadonlyMap<string, ReadBack>,
  sent: SentOrder,
): OrderSetReport {
  const report: OrderSetReport = {
    attempted: writes.length,
    acknowledged: 0,
    failed: 0,
    unknown: 0,
    lost: [],
    unexpected: [],
    unverified: [],
  };
  const keyById = new Map<string, string>();
  for (const write of writes) {
    if (write.outcome === 'failed') report.failed += 1;
    if (write.outcome === 'unknown' || write.outcome === undefined) report.unknown += 1;
    if (write.outcome !== 'acknowledged' || !write.orderId) continue;
    report.acknowledged += 1;
    const { key, orderId } = write;
    const other = keyById.get(orderId);
    if (other !== undefined && other !== key) {
      report.lost.push({ key, orderId, reason: `acknowledged as order ${orderId}, which key ${other} was also given` });
      continue;
    }
    keyById.set(orderId, key);
    const back = readBacks.get(orderId);
    if (!back || back.status === undefined) {
      report.unverified.push({ key, orderId, reason: 'reading it back got no answer' });
    } else if (back.status === 404) {
      report.lost.push({ key, orderId, reason: 'acknowledged with 201, then GET /orders/{id} answered 404' });
    } else if (back.status !== 200 || !back.order) {
      report.unverified.push({ key, orderId, reason: `reading it back answered ${back.status}` });
    } else {
      const o = back.order;
      const mismatches = [
        o.studentId !== sent.studentId && 'studentId',
        o.deliveryDate !== sent.deliveryDate && 'deliveryDate',
        !sameItems(o.items, sent.items) && 'items',
        o.totalMinor !== (write.totalMinor ?? sent.totalMinor) && 'totalMinor',
      ].filter((m): m is string => typeof m === 'string');
      if (mismatches.length > 0) {
        report.unexpected.push({
          key,
          orderId,
          reason: `the stored order differs from what was sent in ${mismatches.join(', ')}`,
        });
      }
    }
  }
  return report;
}
