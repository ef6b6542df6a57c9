import { LOADED_ENDPOINTS } from './endpoints.ts';
import type { LoadPlan, ScenarioName, SlaTargets } from './load-plan.ts';

/**
 * The SLA as k6 thresholds. One list drives both sides: the scenario turns it into
 * `options.thresholds`, the runner reads each one's outcome back by the same metric
 * key and turns it into a scorecard check with the same id every run.
 */
export type Severity = 'critical' | 'major' | 'minor';
export type ThresholdRole = 'latency' | 'errors' | 'checks' | 'dropped';

export interface ThresholdSpec {
  /** Check id after `load.<scenario>.`, e.g. `endpoint.menus.latency`. */
  id: string;
  title: string;
  role: ThresholdRole;
  /** k6 metric with its tag selector, e.g. `http_req_duration{endpoint:menus}`. */
  metric: string;
  /** The key in k6's summary `values` that the threshold judges: `p(95)`, `rate`, `count`. */
  stat: string;
  op: '<' | '>';
  limit: number;
  unit: 'ms' | 'ratio' | 'count';
  severity: Severity;
  /** Stop the run once this has been breached for `delayAbortEval`: more load proves nothing. */
  abortOnFail: boolean;
  endpoint?: string;
}

/** k6 needs a few seconds of samples before an abort verdict means anything. */
export const DELAY_ABORT_EVAL = '10s';

export function expression(spec: Pick<ThresholdSpec, 'stat' | 'op' | 'limit'>): string {
  return `${spec.stat}${spec.op}${spec.limit}`;
}

function latencySpecs(sla: SlaTargets, abort: boolean): ThresholdSpec[] {
  const specs: ThresholdSpec[] = [
    {
      id: 'latency.business',
      title: `Business endpoints: p95 under ${sla.businessP95Ms} ms`,
      role: 'latency',
      metric: 'http_req_duration{kind:business}',
      stat: 'p(95)',
      op: '<',
      limit: sla.businessP95Ms,
      unit: 'ms',
      severity: 'critical',
      abortOnFail: abort,
    },
    {
      id: 'latency.health',
      title: `Health probes: p99 under ${sla.healthLatencyMs} ms`,
      role: 'latency',
      metric: 'http_req_duration{kind:health}',
      stat: 'p(99)',
      op: '<',
      limit: sla.healthLatencyMs,
      unit: 'ms',
      severity: 'major',
      abortOnFail: false,
    },
  ];
  for (const endpoint of LOADED_ENDPOINTS) {
    const health = endpoint.kind === 'health';
    const stat = health ? 'p(99)' : 'p(95)';
    const limit = health ? sla.healthLatencyMs : sla.businessP95Ms;
    specs.push({
      id: `endpoint.${endpoint.name}.latency`,
      title: `${endpoint.method} ${endpoint.path.split('?')[0] ?? ''} (${endpoint.name}): ${health ? 'p99' : 'p95'} under ${limit} ms`,
      role: 'latency',
      metric: `http_req_duration{endpoint:${endpoint.name}}`,
      stat,
      op: '<',
      limit,
      unit: 'ms',
      severity: health ? 'major' : 'critical',
      abortOnFail: false,
      endpoint: endpoint.name,
    });
  }
  return specs;
}

function runSpecs(sla: SlaTargets, abort: boolean): ThresholdSpec[] {
  return [
    {
      id: 'errors.rate',
      title: `Failed requests under ${sla.errorRateMax * 100} %`,
      role: 'errors',
      metric: 'http_req_failed',
      stat: 'rate',
      op: '<',
      limit: sla.errorRateMax,
      unit: 'ratio',
      severity: 'critical',
      abortOnFail: abort,
    },
    {
      id: 'checks.rate',
      title: `Response checks pass above ${sla.checksRateMin * 100} %`,
      role: 'checks',
      metric: 'checks',
      stat: 'rate',
      op: '>',
      limit: sla.checksRateMin,
      unit: 'ratio',
      severity: 'major',
      abortOnFail: false,
    },
    {
      // The validity check: without it a load generator that fell behind would flatter the latencies.
      id: 'rate.achieved',
      title: 'k6 kept the requested arrival rate (no dropped iterations, VUs to spare)',
      role: 'dropped',
      metric: 'dropped_iterations',
      stat: 'count',
      op: '<',
      limit: 1,
      unit: 'count',
      severity: 'critical',
      abortOnFail: false,
    },
  ];
}

/** A spike is judged by how the platform comes back: the SLA must hold again once the surge is over. */
function recoverySpecs(sla: SlaTargets): ThresholdSpec[] {
  return [
    {
      id: 'latency.recovery',
      title: `After the spike, business p95 back under ${sla.businessP95Ms} ms`,
      role: 'latency',
      metric: 'http_req_duration{kind:business,phase:recovery}',
      stat: 'p(95)',
      op: '<',
      limit: sla.businessP95Ms,
      unit: 'ms',
      severity: 'critical',
      abortOnFail: false,
    },
    {
      id: 'errors.recovery',
      title: `After the spike, failed requests back under ${sla.errorRateMax * 100} %`,
      role: 'errors',
      metric: 'http_req_failed{phase:recovery}',
      stat: 'rate',
      op: '<',
      limit: sla.errorRateMax,
      unit: 'ratio',
      severity: 'critical',
      abortOnFail: false,
    },
  ];
}

export function thresholdSpecs(plan: Pick<LoadPlan, 'scenario' | 'sla' | 'abortOnFail'>): ThresholdSpec[] {
  // A spike run must reach its recovery phase to say anything, so it never stops early.
  const abort = plan.abortOnFail && plan.scenario !== 'spike';
  const specs = [...latencySpecs(plan.sla, abort), ...runSpecs(plan.sla, abort)];
  return plan.scenario === 'spike' ? [...specs, ...recoverySpecs(plan.sla)] : specs;
}

/**
 * Sub-metrics that only exist in k6's summary when a threshold names them. These
 * always-true thresholds buy the per-endpoint error rates and counts, and the soak's
 * early/late windows, without gating anything.
 */
export function reportingMetrics(scenario: ScenarioName): Record<string, string> {
  const out: Record<string, string> = {};
  for (const endpoint of LOADED_ENDPOINTS) {
    out[`http_req_failed{endpoint:${endpoint.name}}`] = 'rate>=0';
    out[`http_reqs{endpoint:${endpoint.name}}`] = 'count>=0';
  }
  if (scenario === 'soak') {
    out['http_req_duration{kind:business,phase:early}'] = 'p(95)>=0';
    out['http_req_duration{kind:business,phase:late}'] = 'p(95)>=0';
  }
  return out;
}
