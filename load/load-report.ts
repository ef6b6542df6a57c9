import { LOADED_ENDPOINTS } from './catalog/endpoints.ts';
import { requestsPerIteration } from './catalog/mix.ts';
import { expression, thresholdSpecs } from './catalog/thresholds.ts';
import { metricValue, thresholdOk, type K6Summary } from './k6-summary.ts';
import type { ResolvedLoad } from './resolve-load-plan.ts';

/**
 * The figures of one load run, per endpoint and overall: what the checks quote, what
 * the bench reads, and the evidence file beside k6's raw summary.
 */
export interface EndpointFigures {
  endpoint: string;
  kind: string;
  requests: number;
  failed: number;
  /** Milliseconds; undefined when the endpoint got no requests. */
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
}

export interface LoadReport {
  scenario: string;
  profile: string;
  /** Means over the whole run (a spike's plateau is `peakIterationsPerSecond`). */
  requested: {
    iterationsPerSecond: number;
    requestsPerSecond: number;
    peakIterationsPerSecond: number;
    iterations: number;
    seconds: number;
    maxVUs: number;
  };
  achieved: {
    iterations: number;
    /** Started ÷ scheduled (started + dropped): 1 means k6 kept the open-model rate while it ran. */
    ratio: number;
    iterationsPerSecond: number;
    requests: number;
    requestsPerSecond: number;
    droppedIterations: number;
    /** Most VUs busy at once; at maxVUs the generator was the bottleneck. */
    peakVUs: number;
    errorRate: number;
    checksRate: number;
    runSeconds: number;
  };
  endpoints: EndpointFigures[];
  thresholds: Array<{
    metric: string;
    expression: string;
    ok: boolean | undefined;
    value: number | undefined;
  }>;
  notes: string[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const ms = (n: number | undefined): number | undefined => (n === undefined ? undefined : Math.round(n * 10) / 10);

export function buildLoadReport(load: ResolvedLoad, summary: K6Summary, notes: string[]): LoadReport {
  const value = (metric: string, stat: string): number => metricValue(summary, metric, stat) ?? 0;
  const iterations = value('iterations', 'count');
  const requests = value('http_reqs', 'count');
  const runSeconds = summary.state.testRunDurationMs / 1000;
  const dropped = value('dropped_iterations', 'count');
  // k6's wall clock includes setup and the graceful stop; a run stopped early is shorter than planned.
  const activeSeconds = Math.max(1, Math.min(load.totalSeconds, runSeconds));
  const endpoints = LOADED_ENDPOINTS.map((endpoint): EndpointFigures => {
    const trend = `http_req_duration{endpoint:${endpoint.name}}`;
    const count = value(`http_reqs{endpoint:${endpoint.name}}`, 'count');
    return {
      endpoint: endpoint.name,
      kind: endpoint.kind,
      requests: count,
      failed: Math.round(value(`http_req_failed{endpoint:${endpoint.name}}`, 'rate') * count),
      p50: ms(metricValue(summary, trend, 'p(50)')),
      p95: ms(metricValue(summary, trend, 'p(95)')),
      p99: ms(metricValue(summary, trend, 'p(99)')),
      max: ms(metricValue(summary, trend, 'max')),
    };
  });
  return {
    scenario: load.plan.scenario,
    profile: load.plan.profile,
    requested: {
      iterationsPerSecond: round2(load.requestedIterations / load.totalSeconds),
      requestsPerSecond: round2((load.requestedIterations / load.totalSeconds) * requestsPerIteration()),
      peakIterationsPerSecond: load.plan.ratePerSecond,
      iterations: load.requestedIterations,
      seconds: load.totalSeconds,
      maxVUs: load.plan.maxVUs,
    },
    achieved: {
      iterations,
      ratio: iterations + dropped > 0 ? Math.round((iterations / (iterations + dropped)) * 1000) / 1000 : 0,
      iterationsPerSecond: round2(iterations / activeSeconds),
      requests,
      requestsPerSecond: round2(requests / activeSeconds),
      droppedIterations: dropped,
      peakVUs: value('vus', 'max'),
      errorRate: value('http_req_failed', 'rate'),
      checksRate: value('checks', 'rate'),
      runSeconds: Math.round(runSeconds * 10) / 10,
    },
    endpoints,
    thresholds: thresholdSpecs(load.plan).map((spec) => ({
      metric: spec.metric,
      expression: expression(spec),
      ok: thresholdOk(summary, spec.metric, expression(spec)),
      value: metricValue(summary, spec.metric, spec.stat),
    })),
    notes,
  };
}

const fmt = (n: number | undefined): string => (n === undefined ? '-' : n.toFixed(n >= 100 ? 0 : 1));

/** A fixed-width table for the console: one line per endpoint. */
export function endpointTable(report: LoadReport): string[] {
  const head = `${'endpoint'.padEnd(16)}${'requests'.padStart(9)}${'failed'.padStart(8)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}`;
  return [
    head,
    ...report.endpoints.map(
      (e) =>
        `${e.endpoint.padEnd(16)}${String(e.requests).padStart(9)}${String(e.failed).padStart(8)}${fmt(e.p50).padStart(9)}${fmt(e.p95).padStart(9)}${fmt(e.p99).padStart(9)}`,
    ),
    `achieved ${report.achieved.iterationsPerSecond}/${report.requested.iterationsPerSecond} iterations/s (${report.achieved.iterations} started, ratio ${report.achieved.ratio}), ` +
      `${report.achieved.requestsPerSecond}/${report.requested.requestsPerSecond} requests/s, ` +
      `${report.achieved.droppedIterations} dropped, peak ${report.achieved.peakVUs}/${report.requested.maxVUs} VUs`,
  ];
}
