import { afterAll, describe, expect, inject } from 'vitest';
import { OrderSchema } from '../../fixtures/platform-contract/business.ts';
import { check, recordMeasurement } from '../../reports/vitest/check-meta.ts';
import { parseContract } from '../assertions/contract-assertions.ts';
import { test } from './fixtures.ts';
import { readHealth } from './health-reading.ts';
import { withPlatformWatched } from './platform-watch.ts';
import { orderFrom, postOrder, randomDeliveryDate, readMenu, type OrderBody } from './order-helpers.ts';
import { startOrderTraffic, type OrderAttempt } from './order-traffic.ts';
import { holdOrdersLock, sessionsWaitingForLock } from './orders-lock.ts';
import { ServiceControl } from '../../fixtures/services/service-control/service-control-client.ts';

const TAGS = ['integration', 'slow'];
/** Orders arrive every 25 ms (40 a second): enough to catch a short outage, few enough to check each one. */
const ORDER_INTERVAL_MS = 25;
/** Orders the platform must take before the restart and again after it. */
const STEADY_ORDERS = 5;
const DETECTION_DEADLINE_MS = 5000;
/** A container restart may take several seconds; the platform's pool reconnects on its next request. */
const RECOVERY_DEADLINE_MS = 20_000;

const integration = inject('integration');
const services = new ServiceControl(integration.control);
const CANNOT_STOP =
  integration.provider === 'external'
    ? 'the external provider cannot restart Postgres; run with HARNESS_SERVICES=native or testcontainers'
    : undefined;

describe('Postgres restart mid-run', () => {
  /** The first test's order requests and their body, for the second to account for. */
  let traffic: { body: OrderBody; attempts: OrderAttempt[] } | undefined;

  afterAll(() => services.start('postgres'), 90_000);

  test(
    'the platform recovers from a Postgres restart without a restart of its own',
    check('integration.postgres.restart.recovered', 'integration', 'critical', TAGS),
    async ({ client, session, db, task, skip }) => {
      if (CANNOT_STOP) return skip(CANNOT_STOP);
      const { body } = orderFrom(session, await readMenu(client, session, randomDeliveryDate()), [1, 1]);
      const ready = async (): Promise<number> => (await readHealth(client, '/health/ready')).code;

      const orders = startOrderTraffic(client, session, body, ORDER_INTERVAL_MS);
      await withPlatformWatched(services, integration.platformPid, async () => {
        try {
          await expect
            .poll(() => orders.answered(201).length, { timeout: DETECTION_DEADLINE_MS })
            .toBeGreaterThanOrEqual(STEADY_ORDERS);

          // Stop Postgres while orders are mid-transaction: they queue behind a lock until it goes.
          const lock = await holdOrdersLock(integration.databaseUrl);
          try {
            await expect.poll(() => sessionsWaitingForLock(db), { timeout: DETECTION_DEADLINE_MS }).toBeGreaterThan(0);
            await services.stop('postgres');
          } finally {
            await lock.release();
          }
          const stoppedAt = performance.now();
          // The outage is seen: readiness fails, and orders are refused while it lasts.
          await expect.poll(ready, { timeout: DETECTION_DEADLINE_MS, interval: 100 }).toBe(503);
          await expect
            .poll(() => orders.answered(503, stoppedAt).length, { timeout: DETECTION_DEADLINE_MS })
            .toBeGreaterThan(0);

          await services.start('postgres');
          const startedAt = performance.now();
          // The same platform instance, never restarted, serves again once its pool reconnects.
          await expect.poll(ready, { timeout: RECOVERY_DEADLINE_MS, interval: 100 }).toBe(200);
          recordMeasurement(task, {
            value: Math.round(performance.now() - startedAt),
            unit: 'ms',
            target: `<${RECOVERY_DEADLINE_MS}`,
          });
          await expect
            .poll(() => orders.answered(201, startedAt).length, { timeout: RECOVERY_DEADLINE_MS })
            .toBeGreaterThanOrEqual(STEADY_ORDERS);
        } finally {
          traffic = { body, attempts: await orders.stop() };
        }
      });

      // Refusing is fine while Postgres is away; a 500, a hang or a dropped connection is not.
      const unexpected = (traffic?.attempts ?? []).filter((a) => a.status !== 201 && a.status !== 503);
      expect(unexpected, 'every order request ends in 201 or 503').toEqual([]);
    },
  );

  test(
    'no acknowledged order is lost, and a refused order succeeds exactly once when retried with its key',
    check('integration.postgres.restart.no-order-lost', 'integration', 'critical', TAGS),
    async ({ client, session, db, skip }) => {
      if (CANNOT_STOP) return skip(CANNOT_STOP);
      if (!traffic) return skip('the restart test did not get to send orders');
      const { body, attempts } = traffic;
      const acknowledged = attempts.filter((a) => a.status === 201);
      const refused = attempts.filter((a) => a.status === 503);
      expect(acknowledged.length).toBeGreaterThan(0);

      // Every order the platform said 201 to is in Postgres, with the total it acknowledged.
      const stored = await db.query<{ id: string; total_minor: number }>(
        'SELECT id, total_minor FROM orders WHERE id = ANY($1::uuid[])',
        [acknowledged.map((a) => a.orderId)],
      );
      const byId = (a: { id?: string }, b: { id?: string }): number => ((a.id ?? '') < (b.id ?? '') ? -1 : 1);
      expect(stored.rows.sort(byId)).toEqual(
        acknowledged.map((a) => ({ id: a.orderId, total_minor: a.totalMinor })).sort(byId),
      );

      // A refused request may or may not have committed before Postgres went away; its retry must
      // end with exactly one order under its key either way.
      const keys = refused.map((a) => a.key);
      const retries = await Promise.all(
        refused.map(async (attempt) => {
          const response = await postOrder(client, session, attempt.key, body);
          return response.status === 201 ? parseContract(OrderSchema, response).id : `status ${response.status}`;
        }),
      );
      expect(retries.filter((r) => r.startsWith('status '))).toEqual([]);
      const perKey = await db.query<{ idempotency_key: string; orders: number }>(
        `SELECT idempotency_key, count(*)::int AS orders FROM orders
        WHERE user_id = $1 AND idempotency_key = ANY($2::text[]) GROUP BY idempotency_key`,
        [session.userId, keys],
      );
      expect(perKey.rows.filter((row) => row.orders !== 1)).toEqual([]);
      expect(perKey.rowCount).toBe(keys.length);
    },
  );
});
