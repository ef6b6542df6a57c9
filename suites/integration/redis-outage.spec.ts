import { afterAll, describe, expect, inject } from 'vitest';
import { MenuSchema, OrderSchema } from '../../fixtures/platform-contract/business.ts';
import { menuKey } from '../../platform/cache/keys.ts';
import { check, recordMeasurement } from '../../reports/vitest/check-meta.ts';
import { expectStatus, parseContract } from '../assertions/contract-assertions.ts';
import { test } from './fixtures.ts';
import { healthAndReadiness, readHealth } from './health-reading.ts';
import { withPlatformWatched } from './platform-watch.ts';
import { menuPath, newKey, orderFrom, postOrder, randomDeliveryDate } from './order-helpers.ts';
import { ServiceControl } from '../../fixtures/services/service-control/service-control-client.ts';

const TAGS = ['integration', 'slow'];
/** The target: an outage shows in the health endpoints within 5 s. */
const DETECTION_DEADLINE_MS = 5000;
/** The platform's Redis client retries at most a second apart; this leaves room for a slow container start. */
const RECOVERY_DEADLINE_MS = 10_000;
const CONCURRENT_REQUESTS = 20;

const integration = inject('integration');
const services = new ServiceControl(integration.control);
const CANNOT_STOP =
  integration.provider === 'external'
    ? 'the external provider cannot stop Redis; run with HARNESS_SERVICES=native or testcontainers'
    : undefined;

describe('Redis outage', () => {
  // Whatever happened here, the next file finds Redis running.
  afterAll(() => services.start('redis'), 90_000);

  test(
    'stopping Redis turns /health and /health/ready to fail/503 within 5 s',
    check('integration.redis.outage.detected', 'integration', 'critical', TAGS),
    async ({ client, task, skip }) => {
      if (CANNOT_STOP) return skip(CANNOT_STOP);
      await withPlatformWatched(services, integration.platformPid, async () => {
        await expect
          .poll(() => healthAndReadiness(client), { timeout: RECOVERY_DEADLINE_MS, interval: 100 })
          .toEqual({ health: '200 pass', ready: '200 pass' });

        await services.stop('redis');
        const stoppedAt = performance.now();
        await expect
          .poll(() => healthAndReadiness(client), { timeout: DETECTION_DEADLINE_MS, interval: 100 })
          .toEqual({ health: '503 fail', ready: '503 fail' });
        recordMeasurement(task, {
          value: Math.round(performance.now() - stoppedAt),
          unit: 'ms',
          target: `<${DETECTION_DEADLINE_MS}`,
        });

        // It is the cache that fails the document, not something the outage did not touch.
        const { checks } = await readHealth(client, '/health');
        expect(checks['cache:responseTime']).toBe('fail');
        expect(checks['database:responseTime']).not.toBe('fail');
      });
    },
  );

  test(
    'while Redis is down, menus come from Postgres and one Idempotency-Key still makes one order',
    check('integration.redis.outage.degraded', 'integration', 'major', TAGS),
    async ({ client, session, db, skip }) => {
      if (CANNOT_STOP) return skip(CANNOT_STOP);
      await withPlatformWatched(services, integration.platformPid, async () => {
        await services.stop('redis');

        const response = await client.get(menuPath(session, randomDeliveryDate()), {
          token: session.token,
        });
        expectStatus(response, 200, 'the menu does not need the cache');
        expect(response.headers['x-cache']).toBe('bypass');
        const { body } = orderFrom(session, parseContract(MenuSchema, response), [1]);

        // Without the Redis lock, the unique constraint in Postgres alone keeps a key to one order.
        const key = newKey();
        const responses = await Promise.all(
          Array.from({ length: CONCURRENT_REQUESTS }, () => postOrder(client, session, key, body)),
        );
        expect(responses.map((r) => r.status)).toEqual(Array.from({ length: CONCURRENT_REQUESTS }, () => 201));
        expect(new Set(responses.map((r) => parseContract(OrderSchema, r).id)).size).toBe(1);
        const stored = await db.query<{ orders: number }>(
          'SELECT count(*)::int AS orders FROM orders WHERE user_id = $1 AND idempotency_key = $2',
          [session.userId, key],
        );
        expect(stored.rows).toEqual([{ orders: 1 }]);
      });
    },
  );

  test(
    'after Redis restarts, /health and /health/ready pass again and the menu cache serves again',
    check('integration.redis.outage.recovered', 'integration', 'critical', TAGS),
    async ({ client, session, redis, task, skip }) => {
      if (CANNOT_STOP) return skip(CANNOT_STOP);
      await withPlatformWatched(services, integration.platformPid, async () => {
        await services.stop('redis');

        await services.start('redis');
        const startedAt = performance.now();
        await expect
          .poll(() => healthAndReadiness(client), { timeout: RECOVERY_DEADLINE_MS, interval: 100 })
          .toEqual({ health: '200 pass', ready: '200 pass' });
        recordMeasurement(task, {
          value: Math.round(performance.now() - startedAt),
          unit: 'ms',
          target: `<${RECOVERY_DEADLINE_MS}`,
        });

        // The platform's own Redis client is back, not only the probe: a read fills the cache, the next one hits.
        const date = randomDeliveryDate();
        await redis.del(menuKey(session.schoolId, date));
        const caching = [];
        for (let i = 0; i < 2; i++) {
          const response = await client.get(menuPath(session, date), { token: session.token });
          expectStatus(response, 200, 'the menu is served');
          caching.push(response.headers['x-cache']);
        }
        expect(caching).toEqual(['miss', 'hit']);
      });
    },
  );
});
