import { describe, expect, test } from 'vitest';
import { DEFAULT_SHIFT_RULES, judgeShift, type ShiftRules } from './judge-shift.ts';

const rules: ShiftRules = { ...DEFAULT_SHIFT_RULES, quantile: 0.95, seed: 7 };

/** A deterministic spread of latencies: `n` values from `low` to `high` ms. */
const spread = (n: number, low: number, high: number): number[] =>
  Array.from({ length: n }, (_, i) => low + ((high - low) * ((i * 37) % n)) / (n - 1));

describe('judgeShift', () => {
  const baseline = [spread(100, 5, 25), spread(100, 5.5, 26), spread(100, 4.5, 24)];

  test('the same distribution again is a pass with an interval around zero', () => {
    const j = judgeShift(spread(100, 5, 25), baseline, rules);
    expect(j.verdict).toBe('pass');
    expect(j.improved).toBe(false);
    expect(j.interval?.[0]).toBeLessThan(0.5);
    expect(j.interval?.[1]).toBeGreaterThan(-0.5);
  });

  test('a slowdown well above the floor fails, with the shift and its interval', () => {
    const j = judgeShift(spread(100, 15, 35), baseline, rules);
    expect(j.verdict).toBe('fail');
    expect(j.shiftMs).toBeCloseTo(10, 0);
    expect(j.interval?.[0]).toBeGreaterThan(j.floorMs ?? Infinity);
  });

  test('a certain slowdown below the effect-size floor is not a regression', () => {
    // +1 ms on every request: certain, but under the 2 ms / 10 % floor.
    const j = judgeShift(spread(100, 6, 26), baseline, rules);
    expect(j.verdict).toBe('pass');
    expect(j.shiftMs).toBeGreaterThan(0);
    expect(j.shiftMs).toBeLessThan(j.floorMs ?? 0);
  });

  test('a faster release is an improvement, never a failure', () => {
    const j = judgeShift(spread(100, 1, 10), baseline, rules);
    expect(j.verdict).toBe('pass');
    expect(j.improved).toBe(true);
  });

  test('too few requests or baseline runs is nodata, never pass or fail', () => {
    const fewRequests = judgeShift(spread(10, 50, 90), baseline, rules);
    expect(fewRequests.verdict).toBe('nodata');
    expect(fewRequests.why).toMatch(/at least 20/);
    const oneRun = judgeShift(spread(100, 50, 90), [baseline[0] ?? []], rules);
    expect(oneRun.verdict).toBe('nodata');
    expect(oneRun.why).toMatch(/fewer than 2/);
  });

  test('the same inputs always give the same interval (seeded resampling)', () => {
    const a = judgeShift(spread(80, 5, 40), baseline, rules);
    const b = judgeShift(spread(80, 5, 40), baseline, rules);
    expect(a.interval).toEqual(b.interval);
  });
});
