import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { parseK6Metrics, progressLine, startK6Progress } from './k6-progress.ts';

function metrics(requests: number, failedRate: number, vus: number): unknown {
  const metric = (id: string, sample: Record<string, number>) => ({
    type: 'metrics',
    id,
    attributes: { type: 'x', sample },
  });
  return {
    data: [
      metric('http_reqs', { count: requests, rate: 1 }),
      metric('http_req_failed', { rate: failedRate }),
      metric('vus', { value: vus }),
      metric('iterations', { count: 5, rate: 1 }),
    ],
  };
}

test('a progress line says the achieved rate over the last interval, the VUs and the errors so far', () => {
  const first = parseK6Metrics(metrics(150, 0, 3));
  const second = parseK6Metrics(metrics(300, 0.01, 4));
  expect(first).toEqual({ requests: 150, failedRate: 0, vus: 3, droppedIterations: 0 });
  if (!first || !second) throw new Error('unparsed');
  expect(progressLine(undefined, first, 10.2, 10)).toBe(
    'load: 10 s: 15.0 requests/s achieved, 3 VUs, 0 errors so far (150 requests)',
  );
  expect(progressLine(first, second, 20, 10)).toBe(
    'load: 20 s: 15.0 requests/s achieved, 4 VUs, 3 errors so far (300 requests)',
  );
  expect(parseK6Metrics({ data: 'not metrics' })).toBeUndefined();
});

test('polls k6 on loopback once per interval and stops when told', async () => {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 100;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(metrics(requests, 0, 2)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const lines: string[] = [];
  const progress = startK6Progress({
    address: `127.0.0.1:${port}`,
    log: (line) => lines.push(line),
    intervalMs: 50,
  });
  try {
    await expect.poll(() => lines.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
  } finally {
    progress.stop();
    server.close();
  }
  expect(lines[1]).toMatch(/^load: \d+ s: 2000\.0 requests\/s achieved, 2 VUs, 0 errors so far \(200 requests\)$/);
});
