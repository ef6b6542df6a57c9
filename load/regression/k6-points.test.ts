import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { readK6Points } from './k6-points.ts';
import { decodeBuckets, encodeHistogram } from './latency-histogram.ts';

const point = (metric: string, value: number, tags: Record<string, string>): string =>
  JSON.stringify({ metric, type: 'Point', data: { time: '2026-01-01T00:00:00Z', value, tags } });

test("k6's JSON output becomes one histogram per endpoint, with failures counted and setup left out", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'k6-points-'));
  try {
    const lines = [
      JSON.stringify({ type: 'Metric', metric: 'http_req_duration', data: {} }),
      point('http_req_duration', 3.2, { endpoint: 'menus', kind: 'business' }),
      point('http_req_duration', 12.5, { endpoint: 'menus', kind: 'business' }),
      point('http_req_failed', 1, { endpoint: 'menus', kind: 'business' }),
      point('http_req_failed', 0, { endpoint: 'menus', kind: 'business' }),
      point('http_req_duration', 40, { endpoint: 'login', kind: 'setup' }),
      point('http_req_waiting', 2, { endpoint: 'menus', kind: 'business' }),
      '{"metric":"http_req_duration","type":"Point","data":{"val', // cut short by an interrupt
    ];
    const path = join(dir, 'points.json.gz');
    await writeFile(path, gzipSync(lines.join('\n')));
    const endpoints = await readK6Points(path);
    expect([...endpoints.keys()]).toEqual(['menus']);
    const menus = endpoints.get('menus');
    expect(menus).toMatchObject({ requests: 2, failed: 1 });
    const buckets = decodeBuckets(encodeHistogram(menus!.histogram));
    expect(buckets.total).toBe(2);
    expect(buckets.valuesMs[0]).toBeCloseTo(3.2, 2);
    expect(buckets.valuesMs[1]).toBeCloseTo(12.5, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
