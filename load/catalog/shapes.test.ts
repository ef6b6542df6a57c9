import { describe, expect, test } from 'vitest';
import type { LoadPlan } from './load-plan.ts';
import { phaseAt, requestedIterations, SHAPES, totalSeconds } from './shapes.ts';

const plan: LoadPlan = {
  scenario: 'sla',
  profile: 'ci',
  ratePerSecond: 10,
  durationSeconds: 100,
  preAllocatedVUs: 10,
  maxVUs: 50,
  requestTimeoutMs: 10_000,
  loginPath: '/auth/login',
  sla: { businessP95Ms: 2000, healthLatencyMs: 100, errorRateMax: 0.01, checksRateMin: 0.99 },
  abortOnFail: true,
};

describe('scenario shapes', () => {
  test('sla is one constant stage: rate × duration iterations', () => {
    const shape = SHAPES.sla(plan);
    expect(shape.stages).toEqual([{ durationSeconds: 100, target: 10 }]);
    expect(requestedIterations(shape)).toBe(1000);
  });

  test('spike surges from a tenth of the rate to the full rate within seconds, then recovers', () => {
    const shape = SHAPES.spike({ ...plan, ratePerSecond: 150, durationSeconds: 120 });
    expect(shape.startRate).toBe(15);
    expect(Math.max(...shape.stages.map((s) => s.target))).toBe(150);
    const surge = shape.stages[1];
    expect(surge?.durationSeconds).toBeLessThanOrEqual(6);
    expect(shape.phases.map((p) => p.name)).toEqual(['baseline', 'surge', 'recovery']);
    expect(shape.phases.at(-1)?.toSeconds).toBe(totalSeconds(shape));
  });

  test('soak tags its first and last tenth', () => {
    const shape = SHAPES.soak({ ...plan, durationSeconds: 1800 });
    expect(phaseAt(shape, 0)).toBe('early');
    expect(phaseAt(shape, 900)).toBe('middle');
    expect(phaseAt(shape, 1700)).toBe('late');
    // Past the end (k6's graceful stop) still counts as the last window.
    expect(phaseAt(shape, 1805)).toBe('late');
  });

  test('phases cover the whole run without gaps', () => {
    for (const make of Object.values(SHAPES)) {
      const shape = make({ ...plan, durationSeconds: 37 });
      shape.phases.forEach((p, i) => expect(p.fromSeconds).toBe(i === 0 ? 0 : shape.phases[i - 1]?.toSeconds));
    }
  });
});
