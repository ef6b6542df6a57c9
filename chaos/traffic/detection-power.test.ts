import { describe, expect, test } from 'vitest';
import { detectableRate, requestsToDetect } from './detection-power.ts';

describe('detection power', () => {
  test('a 1 % leak needs 299 requests to show with 95 % confidence', () => {
    expect(requestsToDetect(0.01, 0.95)).toBe(299);
    expect(requestsToDetect(0.05, 0.95)).toBe(59);
  });

  test('the detectable rate of n clean requests is the inverse of requestsToDetect', () => {
    expect(detectableRate(299, 0.95)).toBeLessThanOrEqual(0.01);
    expect(detectableRate(298, 0.95)).toBeGreaterThan(0.01);
    expect(detectableRate(0, 0.95)).toBe(1);
  });
});
