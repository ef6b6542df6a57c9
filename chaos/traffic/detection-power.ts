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
