import { LOADED_ENDPOINTS } from '../catalog/endpoints.ts';
import type { LoadPlan } from '../catalog/load-plan.ts';
import { expression, thresholdSpecs } from '../catalog/thresholds.ts';
import type { K6Metric, K6Summary } from '../k6-summary.ts';

export interface SyntheticRun {
  /** p95 per endpoint in ms (p50 is half, p99 is 1.2×); default 10 ms. */
  p95?: Partial<Record<string, number>>;
  failedRate?: number;
  checksRate?: number;
  iterations?: number;
  dropped?: number;
  peakVUs?: number;
}

const trend = (p95: number, count: number): K6Metric => ({
  type: 'trend',
  values: {
    'p(50)': p95 / 2,
    'p(90)': p95 * 0.9,
    'p(95)': p95,
    'p(99)': p95 * 1.2,
    max: p95 * 1.5,
    count,
  },
});

/**
 * A k6 summary as handleSummary would write it for a run with these figures, with
 * each threshold's verdict computed the way k6 computes it.
 */
export function syntheticSummary(plan: LoadPlan, run: SyntheticRun = {}): K6Summary {
  const metrics: Record<string, K6Metric> = {};
  const p95 = (name: string): number => run.p95?.[name] ?? 10;
  for (const e of LOADED_ENDPOINTS) {
    metrics[`http_req_duration{endpoint:${e.name}}`] = trend(p95(e.name), 100);
    metrics[`http_reqs{endpoint:${e.name}}`] = { type: 'counter', values: { count: 100, rate: 3 } };
    metrics[`http_req_failed{endpoint:${e.name}}`] = {
      type: 'rate',
      values: { rate: run.failedRate ?? 0 },
    };
  }
  for (const kind of ['business', 'health'] as const) {
    const worst = Math.max(...LOADED_ENDPOINTS.filter((e) => e.kind === kind).map((e) => p95(e.name)));
    metrics[`http_req_duration{kind:${kind}}`] = trend(worst, 300);
  }
  metrics.http_req_failed = { type: 'rate', values: { rate: run.failedRate ?? 0 } };
  metrics.checks = { type: 'rate', values: { rate: run.checksRate ?? 1 } };
  metrics.iterations = { type: 'counter', values: { count: run.iterations ?? 300, rate: 10 } };
  metrics.http_reqs = { type: 'counter', values: { count: 453, rate: 15.1 } };
  metrics.dropped_iterations = { type: 'counter', values: { count: run.dropped ?? 0, rate: 0 } };
  metrics.vus = { type: 'gauge', values: { value: 0, min: 0, max: run.peakVUs ?? 3 } };
  for (const spec of thresholdSpecs(plan)) {
    const metric = metrics[spec.metric];
    const value = metric?.values[spec.stat];
    if (!metric || value === undefined) continue;
    const ok = spec.op === '<' ? value < spec.limit : value > spec.limit;
    metric.thresholds = { ...metric.thresholds, [expression(spec)]: { ok } };
  }
  return {
    metrics,
    state: { testRunDurationMs: 30_500 },
    root_group: {
      checks: [
        {
          name: 'menus: 200',
          passes: 95,
          fails: run.checksRate !== undefined && run.checksRate < 1 ? 5 : 0,
        },
      ],
    },
  };
}
