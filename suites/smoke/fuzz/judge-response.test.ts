import { describe, expect, test } from 'vitest';
import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import { ENDPOINTS, type Endpoint } from '../../../fixtures/platform-contract/endpoints.ts';
import type { FuzzInput } from './fuzz-request.ts';
import { judgeResponse } from './judge-response.ts';

const endpoint = (id: string): Endpoint => ENDPOINTS.find((e) => e.id === id) as Endpoint;
const order = {
  id: 'o1',
  status: 'pending_payment',
  studentId: 's1',
  deliveryDate: '2026-12-07',
  items: [{ menuItemId: 'm1', quantity: 1 }],
  totalMinor: 100,
  currency: 'INR',
  createdAt: '2026-12-07T00:00:00.000Z',
};
const created = (status = 201, body: unknown = order): ApiResponse => ({
  method: 'POST',
  path: '/orders',
  status,
  headers: { 'x-request-id': 'r1', 'content-type': 'application/json' },
  text: JSON.stringify(body),
  durationMs: 1,
  requestId: 'r1',
});
const orderInput = (headers: Record<string, unknown>, body: unknown): FuzzInput => ({
  path: {},
  query: {},
  headers,
  body,
});
const validBody = {
  studentId: 's1',
  deliveryDate: '2026-12-07',
  items: [{ menuItemId: 'm1', quantity: 1 }],
};

describe('where a fuzz finding comes from', () => {
  test('an order created without an Idempotency-Key is only against the project’s addition', () => {
    const finding = judgeResponse(endpoint('orders-create'), orderInput({}, validBody), created());
    expect(finding?.source.kind).toBe('addition');
    expect(finding?.problem).toMatch(/accepted a request that breaks the contract's request schema/);
  });

  test('an order created from a body whose items are null breaks the published sentence', () => {
    const finding = judgeResponse(
      endpoint('orders-create'),
      orderInput({ 'idempotency-key': 'k' }, { ...validBody, items: null }),
      created(),
    );
    expect(finding?.source.kind).toBe('published');
  });

  test('a 500, and a status no one documents, break the published contract', () => {
    const input = orderInput({ 'idempotency-key': 'k' }, validBody);
    expect(judgeResponse(endpoint('orders-create'), input, created(500, { oops: 1 }))?.source.kind).toBe('published');
    expect(
      judgeResponse(
        endpoint('orders-create'),
        input,
        created(422, { error: { code: 'X', message: 'x', requestId: 'r' } }),
      )?.source.kind,
    ).toBe('published');
  });

  test('a valid request answered as documented is no finding', () => {
    expect(
      judgeResponse(endpoint('orders-create'), orderInput({ 'idempotency-key': 'k' }, validBody), created()),
    ).toBeUndefined();
  });

  test('a 2xx to a bad menu date is published ("400 bad date")', () => {
    const menus = endpoint('menus');
    const finding = judgeResponse(
      menus,
      { path: { schoolId: 'sc1' }, query: { date: 'next-monday' }, headers: {}, body: undefined },
      {
        ...created(200, { schoolId: 'sc1', date: 'x', items: [] }),
        method: 'GET',
        path: '/schools/sc1/menus',
      },
    );
    expect(finding?.source).toEqual({ kind: 'published', quote: '400 bad date' });
  });
});
