import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { call, expectError } from './test-support/api-client.ts';
import { OrderSchema } from '../fixtures/platform-contract/business.ts';
import { ComprehensiveHealthBodySchema } from '../fixtures/platform-contract/health.ts';
import { createOrder, login, orderBody, type Session } from './test-support/demo-session.ts';
import { startIsolatedPlatform, type IsolatedPlatform } from './test-support/isolated-platform.ts';

// These tests stop Redis and Postgres, so they run against services and a platform of their own.
let isolated: IsolatedPlatform;
let url: string;
let session: Session;
beforeAll(async () => {
  isolated = await startIsolatedPlatform();
  url = isolated.platform.url;
  session = await login(url, isolated.platform.demoParent);
});
afterAll(async () => {
  await isolated[Symbol.asyncDispose]();
});

const status = async (path: string): Promise<number> => (await call(url, 'GET', path)).status;

describe('without Redis', () => {
  beforeAll(async () => {
    await isolated.services.redis.stop();
  });

  test('/health/ready turns 503 within 5 s of Redis stopping', async () => {
    await expect.poll(() => status('/health/ready'), { timeout: 5000, interval: 100 }).toBe(503);
  });

  test('/health fails on the cache check alone', async () => {
    const response = await call(url, 'GET', '/health');
    expect(response.status).toBe(503);
    const body = ComprehensiveHealthBodySchema.parse(response.json);
    expect(body.status).toBe('fail');
    const [cache] = body.checks['cache:responseTime'];
    expect(cache?.status).toBe('fail');
    expect(cache?.output).toMatch(/^cache: /);
    expect(body.checks['database:responseTime'][0]?.status).toBe('pass');
  });

  test('menus are still served, from the database', async () => {
    const response = await call(url, 'GET', `/schools/${session.schoolId}/menus?date=2026-12-02`, {
      token: session.token,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-cache')).toBe('bypass');
  });

  test('idempotency still holds on the database constraint: 10 concurrent requests, one order', async () => {
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(url, 'POST', '/orders', {
          token: session.token,
          headers: { 'idempotency-key': key },
          body: orderBody(session),
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => OrderSchema.parse(r.json).id)).size).toBe(1);
    const reused = await call(url, 'POST', '/orders', {
      token: session.token,
      headers: { 'idempotency-key': key },
      body: orderBody(session, 5),
    });
    expectError(reused, 409, 'IDEMPOTENCY_KEY_REUSED');
  });

  test('/health/ready is 200 again once Redis is back', async () => {
    await isolated.services.redis.start();
    await expect.poll(() => status('/health/ready'), { timeout: 10_000, interval: 100 }).toBe(200);
    expect(
      (
        await call(url, 'GET', `/schools/${session.schoolId}/menus?date=2026-12-03`, {
          token: session.token,
        })
      ).headers.get('x-cache'),
    ).toBe('miss');
  });
});

describe('across a Postgres restart', () => {
  let orderId: string;
  beforeAll(async () => {
    orderId = (await createOrder(url, session)).id;
    await isolated.services.postgres.stop();
  });

  test('/health/ready turns 503 within 5 s and business calls answer 503, not 500', async () => {
    await expect.poll(() => status('/health/ready'), { timeout: 5000, interval: 100 }).toBe(503);
    expectError(await call(url, 'GET', `/orders/${orderId}`, { token: session.token }), 503, 'SERVICE_UNAVAILABLE');
  });

  test('the platform recovers without a restart of its own', async () => {
    await isolated.services.postgres.start();
    await expect.poll(() => status('/health/ready'), { timeout: 10_000, interval: 100 }).toBe(200);
    const again = await login(url, isolated.platform.demoParent);
    const order = await call(url, 'GET', `/orders/${orderId}`, { token: again.token });
    expect(order.status).toBe(200);
    expect(await status('/health')).toBe(200);
  });
});
