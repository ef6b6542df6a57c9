import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { call, expectError } from '../../test-support/api-client.ts';
import { OrderSchema } from '../../../fixtures/platform-contract/business.ts';
import { createOrder, expectedTotal, login, orderBody, type Session } from '../../test-support/demo-session.ts';
import { createOtherParent } from '../../test-support/other-parent.ts';

const { url, demoParent } = inject('platform');
const { databaseUrl } = inject('services');

let session: Session;
let db: pg.Pool;
beforeAll(async () => {
  session = await login(url, demoParent);
  db = new pg.Pool({
    connectionString: databaseUrl,
    max: 2,
    connectionTimeoutMillis: 2000,
    query_timeout: 5000,
  });
});
afterAll(async () => {
  await db.end();
});

const postOrder = (key: string | undefined, body: unknown, token = session.token) =>
  call(url, 'POST', '/orders', {
    token,
    body,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });

async function ordersWithKey(key: string): Promise<number> {
  const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM orders WHERE idempotency_key = $1', [key]);
  return Number(rows[0]?.count);
}

describe('POST /orders', () => {
  test('creates a pending order priced from the menu', async () => {
    const response = await postOrder(randomUUID(), orderBody(session, 3));
    expect(response.status).toBe(201);
    const order = OrderSchema.parse(response.json);
    expect(order).toMatchObject({
      status: 'pending_payment',
      studentId: session.studentId,
      deliveryDate: '2026-12-01',
    });
    expect(order.totalMinor).toBe(expectedTotal(3));
    expect(response.headers.get('idempotency-replayed')).toBe('false');
  });

  test('returns the first order, with 201 again, for the same key and body', async () => {
    const key = randomUUID();
    const first = await postOrder(key, orderBody(session));
    const again = await postOrder(key, orderBody(session));
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await ordersWithKey(key)).toBe(1);
  });

  test('creates exactly one order from 10 concurrent identical requests', async () => {
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 10 }, () => postOrder(key, orderBody(session))));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(responses.map((r) => OrderSchema.parse(r.json).id));
    expect(ids.size).toBe(1);
    expect(await ordersWithKey(key)).toBe(1);
  });

  test('refuses the same key with another body with 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = randomUUID();
    expect((await postOrder(key, orderBody(session, 1))).status).toBe(201);
    expectError(await postOrder(key, orderBody(session, 2)), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await ordersWithKey(key)).toBe(1);
  });

  test('treats the same key from two users as two orders', async () => {
    const key = randomUUID();
    const other = await login(url, await createOtherParent(databaseUrl));
    expect((await postOrder(key, orderBody(session))).status).toBe(201);
    expect((await postOrder(key, orderBody(other), other.token)).status).toBe(201);
    expect(await ordersWithKey(key)).toBe(2);
  });

  test('reports every bad field and the missing Idempotency-Key at once', async () => {
    const response = await postOrder(undefined, {
      studentId: 'not-a-uuid',
      deliveryDate: '2026-02-30',
      items: [{ menuItemId: randomUUID(), quantity: 0 }],
    });
    expectError(response, 400, 'VALIDATION_FAILED');
    const details = (response.json as { error: { details: Record<string, string[]> } }).error.details;
    expect(Object.keys(details).sort()).toEqual(['Idempotency-Key', 'deliveryDate', 'items.0.quantity', 'studentId']);
  });

  test('refuses an empty item list and a repeated item', async () => {
    const body = orderBody(session) as { items: { menuItemId: string; quantity: number }[] };
    expectError(await postOrder(randomUUID(), { ...body, items: [] }), 400, 'VALIDATION_FAILED');
    const repeated = [body.items[0], body.items[0]];
    expectError(await postOrder(randomUUID(), { ...body, items: repeated }), 400, 'VALIDATION_FAILED');
  });

  test('refuses an item that is not on the menu, naming it', async () => {
    const body = orderBody(session) as { items: unknown[] };
    const response = await postOrder(randomUUID(), {
      ...body,
      items: [...body.items, { menuItemId: randomUUID(), quantity: 1 }],
    });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.json).toMatchObject({
      error: { details: { 'items.2.menuItemId': [expect.any(String)] } },
    });
  });

  test("answers an order for another parent's student with 404", async () => {
    const other = await login(url, await createOtherParent(databaseUrl));
    expectError(await postOrder(randomUUID(), orderBody(other), session.token), 404, 'NOT_FOUND');
  });

  test('needs a bearer token', async () => {
    expectError(await call(url, 'POST', '/orders', { body: orderBody(session) }), 401, 'UNAUTHENTICATED');
  });
});

describe('GET /orders/{orderId}', () => {
  test('returns the caller’s order', async () => {
    const created = await createOrder(url, session);
    const response = await call(url, 'GET', `/orders/${created.id}`, { token: session.token });
    expect(response.status).toBe(200);
    expect(OrderSchema.parse(response.json)).toEqual(created);
  });

  test("answers another user's order with 404, never 200", async () => {
    const created = await createOrder(url, session);
    const other = await login(url, await createOtherParent(databaseUrl));
    expectError(await call(url, 'GET', `/orders/${created.id}`, { token: other.token }), 404, 'NOT_FOUND');
  });

  test.each([randomUUID(), 'not-a-uuid'])('answers the unknown id %s with 404', async (id) => {
    expectError(await call(url, 'GET', `/orders/${id}`, { token: session.token }), 404, 'NOT_FOUND');
  });

  test('needs a bearer token', async () => {
    expectError(await call(url, 'GET', `/orders/${randomUUID()}`), 401, 'UNAUTHENTICATED');
  });
});
