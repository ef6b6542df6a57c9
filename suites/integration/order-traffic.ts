import { setInterval } from 'node:timers/promises';
import { preview } from '../../common/redact.ts';
import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { Session } from './fixtures.ts';
import { newKey, postOrder, type OrderBody } from './order-helpers.ts';

/** One order request of the traffic and how it ended; `status` 0 means no answer at all. */
export interface OrderAttempt {
  key: string;
  sentAt: number;
  status: number;
  orderId?: string;
  totalMinor?: number;
  error?: string;
}

export interface OrderTraffic {
  /** Everything sent so far, finished or not yet. */
  readonly attempts: readonly OrderAttempt[];
  /** Attempts that got an answer with this status and were sent at or after `since` (performance.now()). */
  answered(status: number, since?: number): OrderAttempt[];
  /** Stops sending, waits for the requests in flight, and returns every attempt. */
  stop(): Promise<OrderAttempt[]>;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * New orders at a steady rate, each with its own Idempotency-Key, like parents ordering
 * through an outage. Arrivals do not wait for earlier answers (an open model), so a slow or
 * refusing platform cannot slow the traffic down and hide the outage.
 */
export function startOrderTraffic(
  client: ApiClient,
  session: Session,
  body: OrderBody,
  intervalMs: number,
): OrderTraffic {
  const attempts: OrderAttempt[] = [];
  const finished = new Set<OrderAttempt>();
  const inFlight = new Set<Promise<void>>();
  const controller = new AbortController();

  const send = async (attempt: OrderAttempt): Promise<void> => {
    try {
      const response = await postOrder(client, session, attempt.key, body);
      attempt.status = response.status;
      if (response.status === 201) {
        const order = JSON.parse(response.text) as { id: string; totalMinor: number };
        attempt.orderId = order.id;
        attempt.totalMinor = order.totalMinor;
      } else {
        attempt.error = preview(response.text, 200);
      }
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
    } finally {
      finished.add(attempt);
    }
  };

  const arrivals = (async () => {
    try {
      for await (const _ of setInterval(intervalMs, undefined, { signal: controller.signal })) {
        const attempt: OrderAttempt = { key: newKey(), sentAt: performance.now(), status: 0 };
        attempts.push(attempt);
        const request = send(attempt);
        inFlight.add(request);
        void request.finally(() => inFlight.delete(request));
      }
    } catch (error) {
      if (!isAbort(error)) throw error;
    }
  })();

  return {
    attempts,
    answered: (status, since = 0) =>
      attempts.filter((a) => finished.has(a) && a.status === status && a.sentAt >= since),
    async stop() {
      controller.abort();
      await arrivals;
      await Promise.all(inFlight);
      return attempts;
    },
  };
}
