import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareRun } from './compare-with-history.ts';
import { decodeBuckets, encodeHistogram, newLatencyHistogram, recordLatencyMs } from './latency-histogram.ts';
import { regressionChecks, runWideCheck } from './regression-checks.ts';
import { LoadRunRecordSchema, type LoadRunRecord } from './run-record.ts';

/**
 * Recorded distributions: three runs of the sla scenario at the ci rate against the reference
 * platform with nothing changed, then a fourth with HASIVU_ADDED_DELAY_MS=getMenu:20.
 */
const recorded = async (runNumber: number): Promise<LoadRunRecord> =>
  LoadRunRecordSchema.parse(
    JSON.parse(
      await readFile(
        join(import.meta.dirname, '..', 'test-support', 'regression-history', `run-${runNumber}.json`),
        'utf8',
      ),
    ),
  );

describe('compareRun on recorded runs', () => {
  test('the second run with nothing changed is nodata (one baseline run is too few), never a fail', async () => {
    const [first, second] = await Promise.all([recorded(1), recorded(2)]);
    const { judgements, baseline } = compareRun([first], second);
    expect(baseline.runs).toHaveLength(1);
    expect(new Set(judgements.map((j) => j.judgement.verdict))).toEqual(new Set(['nodata']));
  });

  test('the third run with nothing changed has pass or nodata checks only', async () => {
    const runs = await Promise.all([recorded(1), recorded(2), recorded(3)]);
    const { judgements, baseline } = compareRun(runs.slice(0, 2), runs[2]);
    const checks = regressionChecks(judgements, baseline, [], 0);
    expect(checks.map((c) => c.status).filter((s) => s !== 'pass' && s !== 'skip')).toEqual([]);
    expect(checks.some((c) => c.status === 'pass')).toBe(true);
  });

  test('a run with one endpoint slowed fails that endpoint and no other', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map(recorded));
    const { judgements, charts } = compareRun(runs.slice(0, 3), runs[3]!);
    const failed = judgements.filter((j) => j.judgement.verdict === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.map((j) => j.endpoint))).toEqual(new Set(['menus']));
    const checks = regressionChecks(
      judgements,
      { runs: runs.slice(0, 3), reason: 'baseline: test' },
      ['x.regression.json'],
      0,
    );
    const menus = checks.find((c) => c.id === 'load.regression.menus.p50');
    expect(menus).toMatchObject({ status: 'fail', category: 'performance', measured: { unit: 'ms shift' } });
    expect(menus?.measured?.value).toBeGreaterThan(15);
    expect(menus?.message).toMatch(/REGRESSION.*\d+ % interval \+\d+\.\d ms … \+\d+\.\d ms; floor/);
    // The chart shows the flagged endpoint: the current distribution to the right of the baseline.
    expect(charts[0]?.endpoint).toBe('menus');
    expect(charts[0]?.currentMs[20]).toBeGreaterThan((charts[0]?.baselineMs[20] ?? Infinity) + 15);
  });

  test('a run not green stays out of the baseline', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map(recorded));
    const later = { ...runs[2]!, startedAt: new Date(Date.parse(runs[3]!.startedAt) + 60_000).toISOString() };
    expect(runs[3]?.green).toBe(false);
    expect(compareRun(runs.slice(0, 4), later).baseline.runs).toHaveLength(3);
  });

  test('every endpoint slower alike (a busier machine) fails no endpoint; the run-wide check warns', async () => {
    const runs = await Promise.all([1, 2, 3].map(recorded));
    const slower = (record: LoadRunRecord, factor: number): LoadRunRecord => {
      const endpoints: LoadRunRecord['endpoints'] = {};
      for (const [name, measured] of Object.entries(record.endpoints)) {
        const buckets = decodeBuckets(measured.histogram);
        const histogram = newLatencyHistogram();
        buckets.valuesMs.forEach((v, i) => {
          for (let n = 0; n < (buckets.counts[i] ?? 0); n++) recordLatencyMs(histogram, v * factor);
        });
        endpoints[name] = { ...measured, histogram: encodeHistogram(histogram) };
      }
      return { ...record, endpoints };
    };
    const { judgements, runWide } = compareRun(runs.slice(0, 2), slower(runs[2]!, 2));
    expect(judgements.filter((j) => j.judgement.verdict === 'fail')).toEqual([]);
    expect(runWide.factor).toBeGreaterThan(1.25);
    expect(runWideCheck(runWide, [], 0)).toMatchObject({
      id: 'load.regression.run-wide',
      status: 'warn',
      message: expect.stringMatching(/every endpoint slower alike/) as unknown,
    });
  });
});
