import { join } from 'node:path';
import type { LoadPlan, SlaTargets } from '../load/catalog/load-plan.ts';
import { requestsPerIteration } from '../load/catalog/mix.ts';
import type { FoundK6 } from '../load/find-k6.ts';
import { loadFromPlan } from '../load/resolve-load-plan.ts';
import { executeK6 } from '../load/run-local-k6.ts';

/** One constant-rate run of the sla mix and whether the target held the SLA at that rate. */
export interface RateStep {
  iterationsPerSecond: number;
  requestedRequestsPerSecond: number;
  achievedRequestsPerSecond: number;
  /** Started ÷ scheduled iterations (1 = k6 kept the open-model rate). */
  startedRatio: number;
  /** Achieved ÷ requested requests per second. */
  rateRatio: number;
  droppedIterations: number;
  peakVUs: number;
  maxVUs: number;
  businessP95Ms: number | undefined;
  healthP99Ms: number | undefined;
  errorRate: number;
  holdsSla: boolean;
  /** The thresholds or validity rules that broke, when it did not hold. */
  broken: string[];
}

export interface StepTarget {
  label: string;
  baseUrl: string;
  email: string;
  password: string;
}

export interface StepSetup {
  k6: FoundK6;
  bundlePath: string;
  sla: SlaTargets;
  evidenceDir: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** VUs enough for every iteration to take as long as the SLA allows, and all started up front. */
function planFor(rate: number, seconds: number, sla: SlaTargets): LoadPlan {
  const maxVUs = Math.min(2000, Math.ceil(rate * requestsPerIteration() * (sla.businessP95Ms / 1000)) + 20);
  return {
    scenario: 'sla',
    // The profile label only names the evidence files here.
    profile: `r${rate}`,
    ratePerSecond: rate,
    durationSeconds: seconds,
    preAllocatedVUs: maxVUs,
    maxVUs,
    requestTimeoutMs: 10_000,
    loginPath: '/auth/login',
    sla,
    abortOnFail: true,
  };
}

export async function runRateStep(
  setup: StepSetup,
  target: StepTarget,
  rate: number,
  seconds: number,
): Promise<RateStep> {
  const load = loadFromPlan(planFor(rate, seconds, setup.sla));
  const outcome = await executeK6({
    k6: setup.k6,
    bundlePath: setup.bundlePath,
    load,
    baseUrl: target.baseUrl,
    email: target.email,
    password: target.password,
    evidenceDir: join(setup.evidenceDir, target.label),
    log: () => undefined,
    signal: setup.signal,
  });
  const report = outcome.measured?.report;
  if (!report) {
    throw new Error(
      `k6 produced no summary at ${rate} iterations/s against ${target.label}: ${[outcome.problem, ...outcome.exit.errors].join('\n')}`,
    );
  }
  const broken = report.thresholds.filter((t) => t.ok === false).map((t) => `${t.metric} ${t.expression}`);
  if (report.achieved.droppedIterations > 0) broken.push(`${report.achieved.droppedIterations} dropped iterations`);
  if (report.achieved.peakVUs >= load.plan.maxVUs || outcome.exit.insufficientVUs) broken.push('VUs exhausted');
  const business = report.thresholds.find((t) => t.metric === 'http_req_duration{kind:business}');
  const health = report.thresholds.find((t) => t.metric === 'http_req_duration{kind:health}');
  const step: RateStep = {
    iterationsPerSecond: rate,
    requestedRequestsPerSecond: load.requestRate,
    achievedRequestsPerSecond: report.achieved.requestsPerSecond,
    startedRatio: report.achieved.ratio,
    rateRatio: Math.round((report.achieved.requestsPerSecond / load.requestRate) * 1000) / 1000,
    droppedIterations: report.achieved.droppedIterations,
    peakVUs: report.achieved.peakVUs,
    maxVUs: load.plan.maxVUs,
    businessP95Ms: business?.value === undefined ? undefined : Math.round(business.value * 10) / 10,
    healthP99Ms: health?.value === undefined ? undefined : Math.round(health.value * 10) / 10,
    errorRate: report.achieved.errorRate,
    holdsSla: broken.length === 0,
    broken,
  };
  setup.log(
    `bench: ${target.label} at ${rate} it/s (${load.requestRate} req/s): ${step.holdsSla ? 'holds' : `breaks (${broken.join('; ')})`}, ` +
      `business p95 ${step.businessP95Ms ?? '-'} ms, health p99 ${step.healthP99Ms ?? '-'} ms, achieved ${step.achievedRequestsPerSecond} req/s`,
  );
  return step;
}
