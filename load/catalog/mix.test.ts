import { describe, expect, test } from 'vitest';
import { MIX, maxRequestsPerIteration, mixSchedule, picker, requestsPerIteration } from './mix.ts';

describe('the traffic mix', () => {
  test('the schedule holds each flow exactly as often as its weight', () => {
    const schedule = mixSchedule();
    expect(schedule).toHaveLength(MIX.reduce((sum, f) => sum + f.weight, 0));
    for (const flow of MIX) expect(schedule.filter((name) => name === flow.name)).toHaveLength(flow.weight);
  });

  test('the schedule spreads flows out instead of sending them in blocks', () => {
    const schedule = mixSchedule();
    // The rarest flow (weight 5 of 100) must not bunch up: gaps stay near 100 / 5.
    const positions = schedule.flatMap((name, i) => (name === 'health-ready' ? [i] : []));
    const gaps = positions.slice(1).map((p, i) => p - (positions[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(15);
    // The heaviest flow never runs more than twice in a row.
    expect(schedule.join(',')).not.toMatch(/(menus,){3}/);
  });

  test('is deterministic, so two runs send the same mix', () => {
    expect(mixSchedule()).toEqual(mixSchedule());
  });

  test('turns iterations into requests for the rate cap', () => {
    // health 10 + ready 5 + menus 40 (1 request) + order 30 × (2 + 1/5) + payment 15 × 2, per 100.
    expect(requestsPerIteration()).toBeCloseTo(1.51, 5);
    expect(maxRequestsPerIteration()).toBe(3);
  });

  test('occasional requests follow the flow’s own count: one order in five is retried', () => {
    const pick = picker(mixSchedule());
    const orders = Array.from({ length: 1000 }, (_, i) => pick(i)).filter((p) => p.flow === 'order');
    expect(orders).toHaveLength(300);
    expect(orders.map((p) => p.occurrence)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(orders.filter((p) => p.occurrence % 5 === 4)).toHaveLength(60);
  });
});
