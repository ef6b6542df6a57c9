import * as hdr from 'hdr-histogram-js';

/**
 * Latencies are recorded in microseconds (integers, as HDR histograms want) with three
 * significant digits: 0.1 % resolution, so a 5 ms shift on a 20 ms endpoint is far above
 * the recording error, and a run of any length stays a few hundred bytes once encoded.
 */
const MICROS_PER_MS = 1000;

export type LatencyHistogram = hdr.Histogram;

export function newLatencyHistogram(): LatencyHistogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60 * 1000 * MICROS_PER_MS,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
    bitBucketSize: 32,
    // The pure JS histogram: no WebAssembly start-up, and iterable (below).
    useWebAssembly: false,
  });
}

export function recordLatencyMs(histogram: LatencyHistogram, ms: number): void {
  if (Number.isFinite(ms) && ms >= 0) histogram.recordValue(Math.max(1, Math.round(ms * MICROS_PER_MS)));
}

/** HdrHistogram's own compressed base64 form, readable by every HdrHistogram implementation. */
export function encodeHistogram(histogram: LatencyHistogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** The distinct recorded latencies (ms) and how often each was seen, smallest first. */
export interface LatencyBuckets {
  valuesMs: number[];
  counts: number[];
  total: number;
}

export function decodeBuckets(encoded: string): LatencyBuckets {
  const histogram = hdr.decodeFromCompressedBase64(encoded, 32, false) as hdr.JsHistogram;
  const valuesMs: number[] = [];
  const counts: number[] = [];
  const iterator = histogram.recordedValuesIterator;
  iterator.reset();
  while (iterator.hasNext()) {
    const step = iterator.next();
    valuesMs.push(histogram.medianEquivalentValue(step.valueIteratedTo) / MICROS_PER_MS);
    counts.push(step.countAtValueIteratedTo);
  }
  return { valuesMs, counts, total: histogram.totalCount };
}

/** Every recorded latency as a value of its own (what a resampling test draws from). */
export function expandBuckets(buckets: LatencyBuckets): number[] {
  const values: number[] = [];
  buckets.valuesMs.forEach((value, i) => {
    for (let n = 0; n < (buckets.counts[i] ?? 0); n++) values.push(value);
  });
  return values;
}
