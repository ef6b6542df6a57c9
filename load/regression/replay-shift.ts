import { compareRun } from './compare-with-history.ts';
import { decodeBuckets, encodeHistogram, newLatencyHistogram, recordLatencyMs } from './latency-histogram.ts';
import type { LoadRunRecord } from './run-record.ts';

/** The record with `shiftMs` added to every request of one endpoint: a known slowdown, replayed. */
export function shiftEndpoint(record: LoadRunRecord, endpoint: string, shiftMs: number): LoadRunRecord {
  const measured = record.endpoints[endpoint];
  if (!measured || shiftMs === 0) return record;
  const buckets = decodeBuckets(measured.histogram);
  const histogram = newLatencyHistogram();
  buckets.valuesMs.forEach((value, i) => {
    for (let n = 0; n < (buckets.counts[i] ?? 0); n++) recordLatencyMs(histogram, value + shiftMs);
  });
  return {
    ...record,
    endpoints: { ...record.endpoints, [endpoint]: { ...measured, histogram: encodeHistogram(histogram) } },
  };
}

export interface ShiftReplay {
  shiftMs: number;
  comparisons: number;
  /** Comparisons with no regression flagged anywhere. */
  clean: number;
  /** Comparisons that flagged the shifted endpoint and no other. */
  flaggedThatEndpointOnly: number;
}

/**
 * Leave-one-out over recorded runs of one release: each run, shifted, is judged against the
 * others (moved before it in time, the last seven kept), as the gate would judge it.
 */
export function replayWithShift(
  records: readonly LoadRunRecord[],
  endpoint: string,
  shiftsMs: readonly number[],
): ShiftReplay[] {
  return shiftsMs.map((shiftMs) => {
    let clean = 0;
    let flaggedThatEndpointOnly = 0;
    records.forEach((record, index) => {
      const others = records
        .filter((_, j) => j !== index)
        .map((r, j) => ({ ...r, startedAt: new Date(Date.UTC(2000, 0, 1, 0, j)).toISOString() }));
      const current = {
        ...shiftEndpoint(record, endpoint, shiftMs),
        startedAt: new Date(Date.UTC(2000, 0, 2)).toISOString(),
      };
      const failed = compareRun(others, current).judgements.filter((j) => j.judgement.verdict === 'fail');
      if (failed.length === 0) clean += 1;
      else if (failed.every((j) => j.endpoint === endpoint)) flaggedThatEndpointOnly += 1;
    });
    return { shiftMs, comparisons: records.length, clean, flaggedThatEndpointOnly };
  });
}
