/**
 * How much a drill's traffic can prove. A drill that sees no bad request after a rollback has
 * proved only that the bad share is smaller than what its sample could have caught, so every
 * verdict carries that bound. Binomial arithmetic, nothing more.
 */

/** Requests needed so that a share `rate` of bad ones shows at least once with probability `confidence`. */
export function requestsToDetect(rate: number, confidence: number): number {
  return Math.ceil(Math.log(1 - confidence) / Math.log(1 - rate));
}

/** The smallest bad share that `requests` clean requests rule out with `confidence` (1 when there were none). */
export function detectableRate(requests: number, confidence: number): number {
  if (requests <= 0) return 1;
  return 1 - (1 - confidence) ** (1 / requests);
}

/** The normal quantile for a one-sided bound at `confidence` (Acklam's rational approximation, |error| < 1e-8). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const poly = (k: number[], x: number): number => k.reduce((sum, coefficient) => sum * x + coefficient, 0);
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/**
 * The upper end of a one-sided Wilson score interval: the highest failure share that `failures`
 * out of `requests` is still consistent with, at `confidence`. A recovery window is "no worse than
 * the steady state" while its own failure share stays at or below this bound of the steady state's.
 */
export function wilsonUpperBound(failures: number, requests: number, confidence: number): number {
  if (requests <= 0) return 1;
  const z = normalQuantile(confidence);
  const p = failures / requests;
  const z2 = z * z;
  const centre = p + z2 / (2 * requests);
  const spread = z * Math.sqrt((p * (1 - p)) / requests + z2 / (4 * requests * requests));
  return Math.min(1, (centre + spread) / (1 + z2 / requests));
}
