import { describe, expect, test } from 'vitest';
import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import { ProjectAdditionUnmet } from '../../assertions/contract-verdict.ts';
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
  ])('money: %j breaks the published sentence', (body, says) => {
    expect(() => sweepMoney([answer(body)])).toThrow(says);
    expect(() => sweepMoney([answer(body)])).not.toThrow(ProjectAdditionUnmet);
  });

  test.each([
    [{ priceMinor: 500 }, /has no currency around it/],
    [{ totalMinor: -5, currency: 'INR' }, /is -5/],
  ])("money: %j breaks only the project's addition", (body, says) => {
    expect(() => sweepMoney([answer(body)])).toThrow(ProjectAdditionUnmet);
    expect(() => sweepMoney([answer(body)])).toThrow(says);
  });

  test('money: a published break wins over an addition seen before it', () => {
    expect(() =>
      sweepMoney([answer({ priceMinor: -1, currency: 'INR' }), answer({ totalMinor: 1.5, currency: 'INR' })]),
    ).toThrow(/is 1.5/);
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
    expect(() => sweepTimes([answer({ createdAt: '2026-12-01T15:30:00+05:30' })])).toThrow(/Times are ISO 8601 UTC/);
  });

  test('error responses are not swept for money or times', () => {
    expect(sweepMoney([answer({ totalMinor: 'x' }, 400)])).toBe(0);
  });
});
