import { median } from 'simple-statistics';

export interface RunWideFactor {
  /** Median over endpoints of (this run's median ÷ the baseline's median); 1 when too few endpoints have data. */
  factor: number;
  /** Endpoints it was computed from. */
  endpoints: number;
}

/** Fewer endpoints than this, and one slowed endpoint could move the median: no factor. */
const MIN_ENDPOINTS = 3;

/**
 * How much slower the whole run was than its baseline, endpoint for endpoint. A busier machine
 * or a slower network slows every endpoint alike; a release usually slows some. Endpoints are
 * judged after dividing by this factor (slower than the rest of the run, not than last night),
 * and the factor is reported on its own, so a run-wide slowdown is news but not a verdict on
 * any one endpoint.
 */
export function runWideFactor(
  pairs: readonly { current: readonly number[]; baseline: readonly number[] }[],
  minSamples: number,
): RunWideFactor {
  const ratios = pairs
    .filter((p) => p.current.length >= minSamples && p.baseline.length >= minSamples)
    .map((p) => median([...p.current]) / median([...p.baseline]))
    .filter((r) => Number.isFinite(r) && r > 0);
  if (ratios.length < MIN_ENDPOINTS) return { factor: 1, endpoints: ratios.length };
  return { factor: median(ratios), endpoints: ratios.length };
}
