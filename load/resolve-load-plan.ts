import type { Profile } from '../fixtures/environments/profile-schema.ts';
import type { LoadProfileName, LoadPlan, ScenarioName } from './catalog/load-plan.ts';
import { maxRequestsPerIteration, requestsPerIteration } from './catalog/mix.ts';
import { requestedIterations, SHAPES, totalSeconds, type Shape } from './catalog/shapes.ts';
import type { LoadArgs } from './load-args.ts';

/** Each load profile's natural scenario: the nightly run soaks, the spike profile spikes. */
export const DEFAULT_SCENARIO: Record<LoadProfileName, ScenarioName> = {
  ci: 'sla',
  nightly: 'soak',
  spike: 'spike',
};

export interface ResolvedLoad {
  plan: LoadPlan;
  shape: Shape;
  /** Iterations k6 is asked to start over the whole run. */
  requestedIterations: number;
  /** Plateau request rate: iteration rate × mean requests per iteration. */
  requestRate: number;
  /** Hard bound on requests: every iteration making its most requests. */
  maxRequests: number;
  totalSeconds: number;
  /** Why the plan differs from the profile (caps applied), for the log and the result. */
  notes: string[];
}

const round2 = (n: number): number => Math.floor(n * 100) / 100;

/**
 * Turns the environment profile and the flags into the plan k6 runs. The profile's
 * protections always win: the rate is cut to `maxRequestRate` (in requests, not
 * iterations) however it was asked for.
 */
export function resolveLoad(profile: Profile, args: LoadArgs): ResolvedLoad {
  const profileName = args.profile ?? 'ci';
  const scenario = args.scenario ?? DEFAULT_SCENARIO[profileName];
  const base = profile.load[profileName];
  const notes: string[] = [];
  const perIteration = requestsPerIteration();
  let rate = args.ratePerSecond ?? base.ratePerSecond;
  const cap = round2(profile.protections.maxRequestRate / perIteration);
  if (rate > cap) {
    notes.push(
      `rate ${rate} iterations/s (${round2(rate * perIteration)} requests/s) capped to ${cap} iterations/s by protections.maxRequestRate=${profile.protections.maxRequestRate} requests/s`,
    );
    rate = cap;
  }
  const plan: LoadPlan = {
    scenario,
    profile: profileName,
    ratePerSecond: rate,
    durationSeconds: args.durationSeconds ?? base.durationSeconds,
    // Ready for iterations as slow as the SLA allows: starting VUs mid-run is slow enough that
    // k6 drops iterations meanwhile, which would make a merely slow platform look like an invalid run.
    preAllocatedVUs: Math.min(
      base.maxVUs,
      Math.max(2, Math.ceil(rate * perIteration * (profile.sla.businessP95Ms / 1000))),
    ),
    maxVUs: base.maxVUs,
    requestTimeoutMs: profile.target.requestTimeoutMs,
    loginPath: profile.auth.loginPath,
    sla: {
      businessP95Ms: profile.sla.businessP95Ms,
      healthLatencyMs: profile.sla.healthLatencyMs,
      errorRateMax: profile.sla.errorRateMax,
      checksRateMin: profile.sla.checksRateMin,
    },
    abortOnFail: true,
  };
  return loadFromPlan(plan, notes);
}

/** The figures that follow from a plan; the bench builds plans itself and comes in here. */
export function loadFromPlan(plan: LoadPlan, notes: string[] = []): ResolvedLoad {
  const shape = SHAPES[plan.scenario](plan);
  const iterations = requestedIterations(shape);
  return {
    plan,
    shape,
    requestedIterations: iterations,
    requestRate: round2(plan.ratePerSecond * requestsPerIteration()),
    maxRequests: iterations * maxRequestsPerIteration(),
    totalSeconds: totalSeconds(shape),
    notes,
  };
}
