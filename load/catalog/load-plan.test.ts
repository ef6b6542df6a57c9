import { describe, expect, test } from 'vitest';
import { parseLoadPlan } from './load-plan.ts';

const valid = {
  scenario: 'sla',
  profile: 'ci',
  ratePerSecond: 10,
  durationSeconds: 30,
  preAllocatedVUs: 10,
  maxVUs: 50,
  requestTimeoutMs: 10_000,
  loginPath: '/auth/login',
  sla: { businessP95Ms: 2000, healthLatencyMs: 100, errorRateMax: 0.01, checksRateMin: 0.99 },
};

describe('the plan a scenario reads from HASIVU_LOAD_PLAN', () => {
  test('round-trips, with abortOnFail on unless turned off', () => {
    expect(parseLoadPlan(JSON.stringify(valid), 'sla')).toEqual({ ...valid, abortOnFail: true });
    expect(parseLoadPlan(JSON.stringify({ ...valid, abortOnFail: false }), 'sla').abortOnFail).toBe(false);
  });

  test('says what to do when it is missing', () => {
    expect(() => parseLoadPlan(undefined, 'sla')).toThrow(
      /HASIVU_LOAD_PLAN is not set: run scenarios through "npm run test:load"/,
    );
  });

  test('lists every problem, including a plan meant for another bundle', () => {
    const bad = {
      ...valid,
      scenario: 'soak',
      ratePerSecond: 0,
      sla: { ...valid.sla, checksRateMin: '0.99' },
    };
    expect(() => parseLoadPlan(JSON.stringify(bad), 'sla')).toThrow(
      /scenario is "soak" but this bundle is "sla"; ratePerSecond must be a positive number; sla.checksRateMin must be a number/,
    );
  });
});
