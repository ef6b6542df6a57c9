import { describe, expect, test } from 'vitest';
import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import { sweepMoney, sweepTimes } from './response-sweeps.ts';

const answer = (body: unknown, status = 200): ApiResponse => ({
  method: 'GET',
  path: '/x',
  status,
  headers: { 'x-request-id': 'r1' },
  text: JSON.stringify(body),
  durationMs: 1,
  requestId: 'r1',
});

describe('promises over every response', () => {
  test("money: an order's lines take the order's currency", () => {
    const order = {
      totalMinor: 500,
      currency: 'INR',
      items: [{ unitPriceMinor: 250, quantity: 2 }],
    };
    expect(sweepMoney([answer(order)])).toBe(2);
  });

  test.each([
    [{ totalMinor: 5.5, currency: 'INR' }, /is 5.5/],
    [{ totalMinor: 500, currency: 'USD' }, /currency "USD"/],
    [{ priceMinor: 500 }, /currency undefined/],
  ])('money: %j breaks the sentence', (body, says) => {
    expect(() => sweepMoney([answer(body)])).toThrow(says);
  });

  test('times: Z and +00:00 are UTC, another offset is not', () => {
    expect(
      sweepTimes([
        answer({
          createdAt: '2026-12-01T10:00:00.000Z',
          checks: [{ time: '2026-12-01T10:00:00+00:00' }],
        }),
      ]),
    ).toBe(2);
    expect(() => sweepTimes([answer({ createdAt: '2026-12-01T15:30:00+05:30' })])).toThrow(
      /Times are ISO 8601 UTC/,
    );
  });

  test('error responses are not swept for money or times', () => {
    expect(sweepMoney([answer({ totalMinor: 'x' }, 400)])).toBe(0);
  });
});
