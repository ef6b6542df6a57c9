import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { newLatencyHistogram, recordLatencyMs, type LatencyHistogram } from './latency-histogram.ts';

/** What one endpoint's requests measured: every latency, and how many requests failed. */
export interface EndpointSamples {
  histogram: LatencyHistogram;
  requests: number;
  failed: number;
}

interface K6Point {
  type?: string;
  metric?: string;
  data?: { value?: number; tags?: Record<string, string> };
}

/**
 * Reads k6's `--out json=<file>.gz` stream line by line into one HDR histogram per endpoint
 * (the `endpoint` tag): memory stays the size of the histograms however long the run was.
 * Only `http_req_duration` (latency) and `http_req_failed` (errors) points are kept; requests
 * without an endpoint tag, or of kind `setup` (the login), are not part of the measured mix.
 */
export async function readK6Points(path: string): Promise<Map<string, EndpointSamples>> {
  const endpoints = new Map<string, EndpointSamples>();
  const of = (name: string): EndpointSamples => {
    let found = endpoints.get(name);
    if (!found) {
      found = { histogram: newLatencyHistogram(), requests: 0, failed: 0 };
      endpoints.set(name, found);
    }
    return found;
  };
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    // Cheap pre-filter: most lines are other metrics (blocked, connecting, iterations…).
    if (!line.includes('"Point"') || !line.includes('"http_req_')) continue;
    let point: K6Point;
    try {
      point = JSON.parse(line) as K6Point;
    } catch {
      continue; // a line cut short by an interrupted run
    }
    const tags = point.data?.tags;
    const endpoint = tags?.endpoint;
    const value = point.data?.value;
    if (point.type !== 'Point' || !endpoint || tags.kind === 'setup' || typeof value !== 'number') continue;
    if (point.metric === 'http_req_duration') {
      const samples = of(endpoint);
      samples.requests += 1;
      recordLatencyMs(samples.histogram, value);
    } else if (point.metric === 'http_req_failed' && value > 0) {
      of(endpoint).failed += 1;
    }
  }
  return endpoints;
}
