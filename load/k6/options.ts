import type { Options, Scenario, Threshold } from 'k6/options';
import type { LoadPlan } from '../catalog/load-plan.ts';
import type { Shape } from '../catalog/shapes.ts';
import { DELAY_ABORT_EVAL, expression, reportingMetrics, thresholdSpecs } from '../catalog/thresholds.ts';

/** Percentiles the runner reports per endpoint; k6 only keeps the stats named here. */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'count'];

/** A VU still busy when the run ends gets this long to finish its request before k6 cuts it off. */
const GRACEFUL_STOP = '10s';

function executor(plan: LoadPlan, shape: Shape): Scenario {
  const vus = {
    preAllocatedVUs: plan.preAllocatedVUs,
    maxVUs: plan.maxVUs,
    gracefulStop: GRACEFUL_STOP,
  };
  const [only] = shape.stages;
  // Open model either way: iterations start on the clock whether or not earlier ones finished.
  if (shape.stages.length === 1 && only && only.target === shape.startRate) {
    return {
      executor: 'constant-arrival-rate',
      rate: only.target,
      timeUnit: '1s',
      duration: `${only.durationSeconds}s`,
      ...vus,
    };
  }
  return {
    executor: 'ramping-arrival-rate',
    startRate: shape.startRate,
    timeUnit: '1s',
    stages: shape.stages.map((s) => ({ duration: `${s.durationSeconds}s`, target: s.target })),
    ...vus,
  };
}

export function thresholds(plan: LoadPlan): Record<string, Threshold[]> {
  const out: Record<string, Threshold[]> = {};
  for (const spec of thresholdSpecs(plan)) {
    const threshold: Threshold = spec.abortOnFail
      ? { threshold: expression(spec), abortOnFail: true, delayAbortEval: DELAY_ABORT_EVAL }
      : expression(spec);
    (out[spec.metric] ??= []).push(threshold);
  }
  for (const [metric, always] of Object.entries(reportingMetrics(plan.scenario))) (out[metric] ??= []).push(always);
  return out;
}

export function buildOptions(plan: LoadPlan, shape: Shape): Options {
  return {
    scenarios: { [plan.scenario]: executor(plan, shape) },
    thresholds: thresholds(plan),
    summaryTrendStats: SUMMARY_TREND_STATS,
    setupTimeout: '30s',
    teardownTimeout: '10s',
    userAgent: 'hasivu-verify-load (k6)',
    // The smoke checks' rule for every harness request: a redirect is an answer, never followed.
    maxRedirects: 0,
    // Tags every sample, so a shared metrics store can tell runs and scenarios apart.
    tags: { suite: 'hasivu-verify', load_profile: plan.profile },
  };
}
