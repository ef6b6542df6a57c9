import { describe, expect, test } from 'vitest';
import type { ScoredCheck } from '../scorecard/scorecard.ts';
import { drillTimelineSvg, drillTimelines } from './drill-timeline.ts';

const check = (id: string, value: number, target?: string): ScoredCheck => ({
  id,
  title: id,
  category: 'resilience',
  severity: 'minor',
  status: 'pass',
  measured: { value, unit: 'ms', ...(target ? { target } : {}) },
  durationMs: 0,
  kind: 'chaos',
  source: 'results/chaos.json',
});

describe('drill timelines', () => {
  test('lay detection and rollback end to end before recovery, per drill', () => {
    const timelines = drillTimelines([
      check('chaos.canary-error-rollback.mttr', 5000, '<120000'),
      check('chaos.canary-error-rollback.detection', 2000),
      check('chaos.canary-error-rollback.rollback', 500),
      check('chaos.redis-outage.mttr', 1200, '<120000'),
      check('chaos.redis-outage.rollback', 900),
      check('smoke.health.latency', 12),
    ]);
    expect(timelines).toEqual([
      {
        drill: 'canary-error-rollback',
        status: 'pass',
        alarmMs: 2000,
        rollbackMs: 2500,
        recoveredMs: 5000,
        targetMs: 120000,
      },
      { drill: 'redis-outage', status: 'pass', rollbackMs: 900, recoveredMs: 1200, targetMs: 120000 },
    ]);
    const svg = drillTimelineSvg(timelines);
    expect(svg.match(/data-drill=/g)).toHaveLength(2);
    expect(svg).toContain('alarm 2.0 s');
    expect(svg).toContain('recovered 5.0 s');
  });

  test('no chaos results, no timeline', () => {
    expect(drillTimelines([check('load.http.p95', 10)])).toEqual([]);
    expect(drillTimelineSvg([])).toBe('');
  });
});
