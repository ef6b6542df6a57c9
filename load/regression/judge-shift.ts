import { quantile, sampleWithReplacement } from 'simple-statistics';
import { seededRandom } from '../../common/seeded-random.ts';

/** Canary-analysis classes: `nodata` is never a pass and never a fail. */
export type ShiftVerdict = 'pass' | 'marginal' | 'fail' | 'nodata';

export interface ShiftRules {
  /** 0.95 for p95, 0.5 for the median. */
  quantile: number;
  /** Bootstrap replicates. */
  replicates: number;
  /** Two-sided confidence of the interval, e.g. 0.95. */
  confidence: number;
  /** A slowdown smaller than this is never a regression, however certain (effect-size floor). */
  floorMs: number;
  /** …nor one smaller than this share of the baseline figure. */
  floorRatio: number;
  /** Fewer requests than this on either side: nodata. */
  minSamples: number;
  /** Fewer baseline runs than this: nodata. */
  minBaselineRuns: number;
  /** Each resample draws at most this many values per run, bounding the cost of long runs (the interval only widens). */
  maxDraw: number;
  seed: number;
}

export const DEFAULT_SHIFT_RULES: Omit<ShiftRules, 'quantile' | 'seed'> = {
  replicates: 400,
  confidence: 0.95,
  floorMs: 2,
  floorRatio: 0.2,
  minSamples: 20,
  minBaselineRuns: 2,
  maxDraw: 2000,
};

export interface ShiftJudgement {
  verdict: ShiftVerdict;
  /** Faster than the baseline beyond the floor, with confidence: reported as news, never a failure. */
  improved: boolean;
  baselineMs?: number;
  currentMs?: number;
  /** current − baseline at the quantile, ms. */
  shiftMs?: number;
  interval?: [low: number, high: number];
  floorMs?: number;
  currentSamples: number;
  baselineSamples: number;
  baselineRuns: number;
  /** Why nodata, when it is. */
  why?: string;
}

/**
 * Compares one endpoint's latencies in this run with the baseline runs at one quantile, by a
 * two-level bootstrap of the difference: each replicate redraws the baseline *runs* (nights
 * differ more than requests within a night do) and the requests within each run, and the
 * current run's requests; the percentile interval of `q(current) − q(baseline)` follows.
 *
 * fail: the whole interval lies above the floor (a certain slowdown larger than the floor).
 * marginal: the point estimate is above the floor but the interval reaches below it.
 * pass: anything else; `improved` when the whole interval lies below −floor.
 */
export function judgeShift(
  current: readonly number[],
  baselineRuns: readonly (readonly number[])[],
  rules: ShiftRules,
): ShiftJudgement {
  const runs = baselineRuns.filter((r) => r.length > 0);
  const pooled = runs.flat();
  const counts = { currentSamples: current.length, baselineSamples: pooled.length, baselineRuns: runs.length };
  if (runs.length < rules.minBaselineRuns)
    return {
      verdict: 'nodata',
      improved: false,
      ...counts,
      why: `${runs.length} baseline run(s) with requests, fewer than ${rules.minBaselineRuns}`,
    };
  if (current.length < rules.minSamples || pooled.length < rules.minSamples)
    return {
      verdict: 'nodata',
      improved: false,
      ...counts,
      why: `${current.length} request(s) now, ${pooled.length} in the baseline; at least ${rules.minSamples} each are needed`,
    };

  const q = rules.quantile;
  const baselineMs = quantile(pooled, q);
  const currentMs = quantile([...current], q);
  const shiftMs = currentMs - baselineMs;
  const random = seededRandom(rules.seed);
  const draw = (values: readonly number[]): number[] =>
    sampleWithReplacement([...values], Math.min(values.length, rules.maxDraw), random);
  const shifts: number[] = [];
  for (let i = 0; i < rules.replicates; i++) {
    const pickedRuns = sampleWithReplacement([...runs], runs.length, random);
    const baseline = pickedRuns.flatMap(draw);
    shifts.push(quantile(draw(current), q) - quantile(baseline, q));
  }
  const tail = (1 - rules.confidence) / 2;
  const interval: [number, number] = [quantile(shifts, tail), quantile(shifts, 1 - tail)];
  const floorMs = Math.max(rules.floorMs, rules.floorRatio * baselineMs);
  const verdict: ShiftVerdict = interval[0] > floorMs ? 'fail' : shiftMs > floorMs ? 'marginal' : 'pass';
  return { verdict, improved: interval[1] < -floorMs, baselineMs, currentMs, shiftMs, interval, floorMs, ...counts };
}
