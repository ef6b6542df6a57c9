import { describe, expect, test } from 'vitest';
import { chooseBaseline } from './choose-baseline.ts';
import type { LoadRunRecord } from './run-record.ts';

const run = (minute: number, releaseId: string, over: Partial<LoadRunRecord> = {}): LoadRunRecord => ({
  kind: 'load',
  version: 1,
  startedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  comparable: { environment: 'staging', scenario: 'soak', profile: 'nightly', ratePerSecond: 50 },
  provenance: {
    releaseId,
    k6Version: '2.2.0',
    harnessVersion: '0.1.0',
    machine: { host: 'h', cpu: 'c', cores: 2, loadAverage: 0 },
  },
  green: true,
  endpoints: {},
  ...over,
});

describe('chooseBaseline', () => {
  const current = run(100, 'r9');

  test('takes the last N green runs of earlier releases, and says so', () => {
    const history = Array.from({ length: 10 }, (_, i) => run(i, `r${i}`));
    const baseline = chooseBaseline(history, current, 7);
    // r9 is the release under test: its own earlier run is not a baseline for it.
    expect(baseline.runs.map((r) => r.provenance.releaseId)).toEqual(['r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']);
    expect(baseline.reason).toMatch(/last 7 green run\(s\) of earlier releases \(r2, r3/);
    expect(chooseBaseline(history, current, 3).runs).toHaveLength(3);
  });

  test('leaves out runs that were not green, at another rate or profile, or later', () => {
    const history = [
      run(1, 'r1'),
      run(2, 'r2', { green: false }),
      run(3, 'r3', { comparable: { environment: 'staging', scenario: 'soak', profile: 'nightly', ratePerSecond: 60 } }),
      run(4, 'r4', { comparable: { environment: 'staging', scenario: 'sla', profile: 'ci', ratePerSecond: 50 } }),
      run(200, 'r5'),
    ];
    const baseline = chooseBaseline(history, current, 7);
    expect(baseline.runs.map((r) => r.provenance.releaseId)).toEqual(['r1']);
    expect(baseline.reason).toMatch(/1 comparable run\(s\) left out as not green/);
  });

  test('uses the same release only when no earlier release has a green run, and says so', () => {
    const baseline = chooseBaseline([run(1, 'r9'), run(2, 'r9')], current, 7);
    expect(baseline.runs).toHaveLength(2);
    expect(baseline.reason).toMatch(/no earlier release has a green run.*this release \(r9\)/);
    expect(chooseBaseline([run(1, 'r9'), run(2, 'r1')], current, 7).runs.map((r) => r.provenance.releaseId)).toEqual([
      'r1',
    ]);
  });

  test('an empty history is no baseline', () => {
    const none = chooseBaseline([], current, 7);
    expect(none.runs).toEqual([]);
    expect(none.reason).toMatch(/^no baseline/);
  });
});
