import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { OrderSession } from './demo-session.ts';
import type { OrderWrite } from './order-write.ts';

/** Few at a time, as the read-back: settling the writes must not become load of its own. */
const CONCURRENCY = 8;
const REPLAYED_HEADER = 'idempotency-replayed';

/** What retrying one failed or unanswered write with its own Idempotency-Key found. */
export interface WriteRetry {
  key: string;
  original: 'failed' | 'unknown';
  originalStatus?: number | undefined;
  /** The retry's status, or undefined when it got no answer either. */
  status: number | undefined;
  orderId?: string;
  /** The platform answered with an order that already existed under this key. */
  existed: boolean;
}

/**
 * Retries every write that failed or got no answer, once, with the same key and body: the
 * platform either creates the order now or returns the one it already had. An existing order
 * behind a write that was answered with an error is a write committed despite the error, the
 * bug that makes a parent retry with a new key and pay twice.
 */
export async function retryUnsettledWrites(
  client: ApiClient,
  session: OrderSession,
  writes: readonly OrderWrite[],
): Promise<WriteRetry[]> {
  const unsettled = writes.filter((w) => w.outcome === 'failed' || w.outcome === 'unknown');
  const retries: WriteRetry[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unsettled.length) {
      const write = unsettled[next++] as OrderWrite;
      const retry: WriteRetry = {
        key: write.key,
        original: write.outcome as 'failed' | 'unknown',
        originalStatus: write.status,
        status: undefined,
        existed: false,
      };
      try {
        const response = await client.post('/orders', session.body, {
          token: session.token,
          headers: { 'idempotency-key': write.key },
        });
        retry.status = response.status;
        if (response.status === 201) {
          const order = JSON.parse(response.text) as { id?: unknown };
          if (typeof order.id === 'string') retry.orderId = order.id;
          retry.existed = response.headers[REPLAYED_HEADER] === 'true';
        }
      } catch {
        // No answer again: the write stays unsettled, reported as such.
      }
      retries.push(retry);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unsettled.length) }, worker));
  return retries;
}

export interface ReconciliationReport {
  /** Writes that failed or got no answer, each retried once with its own key. */
  retried: number;
  /** Answered with an error, yet the order existed: the retry returned it. */
  committedDespiteError: { key: string; orderId: string; originalStatus?: number | undefined }[];
  /** Got no answer, and the order existed: a write that succeeded unseen, as `unknown` allows. */
  existedUnanswered: number;
  /** The order did not exist; the retry created it. */
  createdOnRetry: number;
  /** The retry did not settle it (no answer, or not 201). */
  unsettled: { key: string; reason: string }[];
  /** Two keys that ended with one order, between the acknowledged writes and the retries. */
  sharedOrders: { key: string; orderId: string; otherKey: string }[];
}

/** Pure: the writes (acknowledged ones with their ids) and the retries, as the reconciliation's verdict. */
export function reconcileWrites(writes: readonly OrderWrite[], retries: readonly WriteRetry[]): ReconciliationReport {
  const report: ReconciliationReport = {
    retried: retries.length,
    committedDespiteError: [],
    existedUnanswered: 0,
    createdOnRetry: 0,
    unsettled: [],
    sharedOrders: [],
  };
  const keyById = new Map<string, string>();
  for (const w of writes)
    if (w.outcome === 'acknowledged' && w.orderId && !keyById.has(w.orderId)) keyById.set(w.orderId, w.key);
  for (const retry of retries) {
    if (retry.status !== 201 || !retry.orderId) {
      report.unsettled.push({
        key: retry.key,
        reason: retry.status === undefined ? 'the retry got no answer' : `the retry answered ${retry.status}`,
      });
      continue;
    }
    const other = keyById.get(retry.orderId);
    if (other !== undefined && other !== retry.key)
      report.sharedOrders.push({ key: retry.key, orderId: retry.orderId, otherKey: other });
    keyById.set(retry.orderId, retry.key);
    if (!retry.existed) report.createdOnRetry += 1;
    else if (retry.original === 'failed')
      report.committedDespiteError.push({
        key: retry.key,
        orderId: retry.orderId,
        originalStatus: retry.originalStatus,
      });
    else report.existedUnanswered += 1;
  }
  return report;
}
