import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { ReadBack } from './order-set-check.ts';
import type { OrderWrite } from './order-write.ts';

/** Few at a time: the read-back must not become load of its own. */
const CONCURRENCY = 8;

/** `GET /orders/{id}` for every acknowledged write, a bounded number at a time, each with the client's timeout. */
export async function readBackOrders(
  client: ApiClient,
  token: string,
  writes: readonly OrderWrite[],
): Promise<Map<string, ReadBack>> {
  const ids = [
    ...new Set(writes.filter((w) => w.outcome === 'acknowledged' && w.orderId).map((w) => w.orderId as string)),
  ];
  const results = new Map<string, ReadBack>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const orderId = ids[next++] as string;
      try {
        const response = await client.get(`/orders/${encodeURIComponent(orderId)}`, { token });
        let order: ReadBack['order'];
        if (response.status === 200) order = JSON.parse(response.text) as ReadBack['order'];
        results.set(orderId, { orderId, status: response.status, ...(order ? { order } : {}) });
      } catch {
        results.set(orderId, { orderId, status: undefined });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return results;
}
