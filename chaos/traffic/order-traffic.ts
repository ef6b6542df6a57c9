import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { EXECUTED_VERSION_HEADER } from '../../common/aws-shapes/lambda.ts';
import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { OrderSession } from './demo-session.ts';
import { isFault, type OrderWrite } from './order-write.ts';

export interface OrderTrafficOptions {
  ratePerSecond: number;
  /** The ceiling of any later setRate (the profile's protections.maxRequestRate). */
  maxRatePerSecond?: number;
  /** Never more than this many orders, whatever happens. */
  maxRequests: number;
  /** Never send after this long, whatever happens. */
  maxDurationMs: number;
  /** A response slower than this is a fault. */
  slowMs: number;
  /** Prefix of every Idempotency-Key, so a drill's orders can be told apart from anyone else's. */
  keyPrefix: string;
  /** Called once, with the time the first fault was observed. */
  onFirstFault?: (at: number) => void;
}

export interface OrderTraffic {
  readonly writes: readonly OrderWrite[];
  readonly firstFaultAt: number | undefined;
  /**
   * Changes the arrival rate from now on (the verification window asks for its requests
   * sooner than the drill's own rate would send them). Never above the rate cap it was started with.
   */
  setRate(ratePerSecond: number): void;
  /** Stops sending, waits for the requests in flight (each bounded by the client's timeout). */
  stop(): Promise<readonly OrderWrite[]>;
}

/** One order with its own key; the write records what came back, or that nothing did. */
async function sendOrder(client: ApiClient, session: OrderSession, write: OrderWrite): Promise<void> {
  try {
    const response = await client.post('/orders', session.body, {
      token: session.token,
      headers: { 'idempotency-key': write.key },
    });
    write.status = response.status;
    write.latencyMs = response.durationMs;
    write.executedVersion = response.headers[EXECUTED_VERSION_HEADER] || undefined;
    if (response.status === 201) {
      const order = JSON.parse(response.text) as { id?: unknown; totalMinor?: unknown };
      write.outcome = typeof order.id === 'string' ? 'acknowledged' : 'failed';
      if (typeof order.id === 'string') write.orderId = order.id;
      if (typeof order.totalMinor === 'number') write.totalMinor = order.totalMinor;
    } else {
      write.outcome = 'failed';
      write.error = response.text.slice(0, 200);
    }
  } catch (error) {
    // No answer: the order may exist or not. Unknown, never lost.
    write.outcome = 'unknown';
    write.error = error instanceof Error ? error.message : String(error);
  }
}

/**
 * Orders at a fixed rate (an open model: an arrival never waits for an earlier answer, so a
 * slow platform cannot slow the traffic and hide its own fault), bounded in count and time.
 */
export function startOrderTraffic(
  client: ApiClient,
  session: OrderSession,
  options: OrderTrafficOptions,
): OrderTraffic {
  const writes: OrderWrite[] = [];
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  const startedAt = Date.now();
  let firstFaultAt: number | undefined;

  const send = async (write: OrderWrite): Promise<void> => {
    await sendOrder(client, session, write);
    write.endedAt = Date.now();
    if (firstFaultAt === undefined && isFault(write, options.slowMs)) {
      firstFaultAt = write.endedAt;
      options.onFirstFault?.(firstFaultAt);
    }
  };

  // Arrivals are scheduled against an anchor, not the last send, so the rate holds even when the
  // loop lags; a rate change moves the anchor to the next arrival.
  const schedule = { anchorAt: startedAt, anchorIndex: 0, intervalMs: 1000 / options.ratePerSecond };
  let rateChanged = new AbortController();
  const arrivals = (async () => {
    while (writes.length < options.maxRequests && !stopping.signal.aborted) {
      const due = schedule.anchorAt + (writes.length - schedule.anchorIndex) * schedule.intervalMs;
      if (due - startedAt > options.maxDurationMs) break;
      const wait = due - Date.now();
      if (wait > 0) {
        // A rate change wakes the loop: the next arrival is then due by the new schedule.
        await delay(wait, undefined, { signal: AbortSignal.any([stopping.signal, rateChanged.signal]) }).catch(
          () => undefined,
        );
        continue;
      }
      const write: OrderWrite = { key: `${options.keyPrefix}-${randomUUID()}`, sentAt: Date.now() };
      writes.push(write);
      const request = send(write);
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    }
  })();

  let stopped: Promise<readonly OrderWrite[]> | undefined;
  return {
    writes,
    get firstFaultAt() {
      return firstFaultAt;
    },
    setRate(ratePerSecond) {
      const intervalMs = 1000 / Math.min(ratePerSecond, options.maxRatePerSecond ?? ratePerSecond);
      if (intervalMs === schedule.intervalMs) return;
      schedule.anchorAt = Date.now();
      schedule.anchorIndex = writes.length;
      schedule.intervalMs = intervalMs;
      rateChanged.abort();
      rateChanged = new AbortController();
    },
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        await arrivals;
        await Promise.allSettled([...inFlight]);
        return writes;
      })();
      return stopped;
    },
  };
}
