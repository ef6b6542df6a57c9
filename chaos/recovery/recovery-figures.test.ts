import { describe, expect, test } from 'vitest';
import { recoveryFigures } from './recovery-figures.ts';

const t = (ms: number): string => new Date(Date.UTC(2026, 11, 1, 12, 0, 0) + ms).toISOString();

describe('recovery figures', () => {
  test('MTTR runs from the first observed fault, not from the fault start, to recovery', () => {
    const figures = recoveryFigures({
      faultStartedAt: t(0),
      firstFaultAt: t(1500),
      alarmAt: t(4000),
      rollbackAt: t(4600),
      recoveredAt: t(5100),
    });
    expect(figures).toEqual({ mttrMs: 3600, detectionMs: 2500, detectionBasis: 'alarm', rollbackMs: 600, missing: [] });
  });

  test('without an alarm, detection is fault start → first observed fault; missing marks are named', () => {
    const figures = recoveryFigures({ faultStartedAt: t(0), firstFaultAt: t(300) });
    expect(figures).toEqual({
      detectionMs: 300,
      detectionBasis: 'first-fault',
      missing: ['rollbackAt', 'recoveredAt'],
    });
  });

  test('health recovery is its own figure; a recovery never seen gives MTTR a lower bound, not a value', () => {
    const figures = recoveryFigures(
      { faultStartedAt: t(0), firstFaultAt: t(300), rollbackAt: t(900), healthyAt: t(1200) },
      Date.parse(t(20_300)),
    );
    expect(figures.healthRecoveryMs).toBe(900);
    expect(figures.mttrMs).toBeUndefined();
    expect(figures.mttrLowerBoundMs).toBe(20_000);
  });
});
