/**
 * What the Node runner tells a k6 scenario, as one JSON environment variable
 * (HASIVU_LOAD_PLAN). It carries rates and SLA numbers, never secrets, so the same
 * text can go into a k6-operator manifest or a Grafana Cloud run unchanged.
 */
export const SCENARIO_NAMES = ['sla', 'spike', 'soak'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const LOAD_PROFILE_NAMES = ['ci', 'nightly', 'spike'] as const;
export type LoadProfileName = (typeof LOAD_PROFILE_NAMES)[number];

export const PLAN_ENV = 'HASIVU_LOAD_PLAN';
/** Where handleSummary writes k6's end-of-test data; unset in distributed runs (each runner prints it). */
export const SUMMARY_PATH_ENV = 'HASIVU_SUMMARY_PATH';

export interface SlaTargets {
  businessP95Ms: number;
  healthLatencyMs: number;
  errorRateMax: number;
  checksRateMin: number;
}

export interface LoadPlan {
  scenario: ScenarioName;
  /** The load profile the rate came from (ci, nightly, spike). */
  profile: string;
  /** Iterations started per second at the plateau, after the profile's caps. */
  ratePerSecond: number;
  durationSeconds: number;
  preAllocatedVUs: number;
  maxVUs: number;
  requestTimeoutMs: number;
  loginPath: string;
  sla: SlaTargets;
  /** Set false to measure without ever stopping early (benchmarks). */
  abortOnFail: boolean;
}

const NUMBER_FIELDS = ['ratePerSecond', 'durationSeconds', 'preAllocatedVUs', 'maxVUs', 'requestTimeoutMs'] as const;
const SLA_FIELDS = ['businessP95Ms', 'healthLatencyMs', 'errorRateMax', 'checksRateMin'] as const;

/** Parses and checks the plan; every problem is listed, since this runs where nobody can debug (a k6 pod). */
export function parseLoadPlan(text: string | undefined, expected: ScenarioName): LoadPlan {
  if (!text) {
    throw new Error(
      `${PLAN_ENV} is not set: run scenarios through "npm run test:load", or pass the plan the runner emits`,
    );
  }
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`${PLAN_ENV} is not valid JSON`);
  }
  const problems: string[] = [];
  if (raw.scenario !== expected)
    problems.push(`scenario is "${String(raw.scenario)}" but this bundle is "${expected}"`);
  for (const key of NUMBER_FIELDS) {
    const value = raw[key];
    if (typeof value !== 'number' || !(value > 0)) problems.push(`${key} must be a positive number`);
  }
  const sla = (raw.sla ?? {}) as Record<string, unknown>;
  for (const key of SLA_FIELDS) if (typeof sla[key] !== 'number') problems.push(`sla.${key} must be a number`);
  if (typeof raw.loginPath !== 'string') problems.push('loginPath must be a string');
  if (problems.length > 0) throw new Error(`${PLAN_ENV} is not a valid plan: ${problems.join('; ')}`);
  return { ...(raw as unknown as LoadPlan), abortOnFail: raw.abortOnFail !== false };
}
