import { z } from 'zod';
import { httpRequest } from '../common/http-request.ts';

/**
 * k6 prints a progress line per second when its output is not a terminal: 60 lines for a
 * 30 s run, thousands for a nightly one. The harness runs k6 with `--quiet` (no banner, no
 * progress) and prints its own line every 10 s instead, read from k6's REST API on loopback.
 */
export const PROGRESS_INTERVAL_MS = 10_000;
/** One poll of the local REST API; a k6 too busy to answer in this time skips one line. */
const POLL_TIMEOUT_MS = 2_000;

const SampleSchema = z.looseObject({
  count: z.number().optional(),
  rate: z.number().optional(),
  value: z.number().optional(),
});
const MetricsSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), attributes: z.looseObject({ sample: SampleSchema }) })),
});

/** What the progress line needs, from k6's `/v1/metrics`. */
export interface K6Snapshot {
  requests: number;
  /** Share of failed requests so far (http_req_failed), 0-1. */
  failedRate: number;
  vus: number;
  droppedIterations: number;
}

export function parseK6Metrics(json: unknown): K6Snapshot | undefined {
  const parsed = MetricsSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const sample = (id: string) => parsed.data.data.find((m) => m.id === id)?.attributes.sample;
  return {
    requests: sample('http_reqs')?.count ?? 0,
    failedRate: sample('http_req_failed')?.rate ?? 0,
    vus: sample('vus')?.value ?? 0,
    droppedIterations: sample('dropped_iterations')?.count ?? 0,
  };
}

/** Pure: one plain line from two snapshots `elapsedMs` apart. */
export function progressLine(
  previous: K6Snapshot | undefined,
  current: K6Snapshot,
  elapsedSeconds: number,
  intervalSeconds: number,
): string {
  const rate = (current.requests - (previous?.requests ?? 0)) / intervalSeconds;
  const errors = Math.round(current.failedRate * current.requests);
  const dropped = current.droppedIterations > 0 ? `, ${current.droppedIterations} iterations dropped` : '';
  return `load: ${Math.round(elapsedSeconds)} s: ${rate.toFixed(1)} requests/s achieved, ${current.vus} VUs, ${errors} errors so far (${current.requests} requests)${dropped}`;
}

export interface ProgressOptions {
  /** k6's `--address`, e.g. 127.0.0.1:41234 (loopback only). */
  address: string;
  log: (line: string) => void;
  intervalMs?: number;
}

/** Polls k6 every interval and logs one line; stop() ends it (call it when k6 exits). */
export function startK6Progress(options: ProgressOptions): { stop(): void } {
  const intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  const started = Date.now();
  let previous: K6Snapshot | undefined;
  let stopped = false;
  const poll = async (): Promise<void> => {
    try {
      const response = await httpRequest({
        method: 'GET',
        url: new URL(`http://${options.address}/v1/metrics`),
        timeoutMs: POLL_TIMEOUT_MS,
      });
      const snapshot = parseK6Metrics(JSON.parse(response.text));
      if (!snapshot || stopped) return;
      options.log(progressLine(previous, snapshot, (Date.now() - started) / 1000, intervalMs / 1000));
      previous = snapshot;
    } catch {
      // k6 not listening yet (still in setup) or already gone: nothing to report this time.
    }
  };
  const timer = setInterval(() => void poll(), intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
