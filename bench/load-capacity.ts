/**
 * Load capacity on this machine, measured with the same k6 bundle the load runner uses:
 * - the reference platform's capacity: the highest sla-mix rate at which every SLA
 *   threshold holds and k6 keeps the rate (no drops, VUs to spare);
 * - k6's achieved/requested ratio at the ci profile's rate;
 * - the same two figures for a bare `node:http` server answering the contract from
 *   memory (load/stub), in the same run, as the baseline; platform ÷ baseline ratios.
 * Writes <reportsDir>/bench/load-capacity.json.
 *
 *   node bench/load-capacity.ts [stepSeconds]
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { registerSecret } from '../common/redact.ts';
import { resolveProfile } from '../fixtures/environments/resolve-profile.ts';
import { resolveReportsDir } from '../fixtures/environments/reports-dir.ts';
import { offlineContainerEnv } from '../fixtures/services/offline-container-env.ts';
import { startServices } from '../fixtures/services/resolve-services.ts';
import { bundleScenarios } from '../load/bundle-scenarios.ts';
import { findK6 } from '../load/find-k6.ts';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { startPlatform } from '../platform/start-platform.ts';
import { runRateStep, type RateStep, type StepSetup, type StepTarget } from './load-rate-step.ts';

export interface TargetCapacity {
  target: string;
  /** The ci profile's rate and duration. */
  ci: RateStep;
  /** Every rate tried, in order: doubling until the SLA breaks, then two bisections; a break is re-run once to confirm it. */
  steps: RateStep[];
  /** Highest rate that held the SLA; null when even the lowest step broke it. */
  capacity: { iterationsPerSecond: number; requestsPerSecond: number } | null;
  /** True when the search stopped at the ceiling without breaking: the real capacity is higher. */
  atCeiling: boolean;
}

export interface LoadCapacityBench {
  measuredAt: string;
  machine: { cpus: number; node: string; k6: string };
  stepSeconds: number;
  platform: TargetCapacity;
  baseline: TargetCapacity;
  ratios: {
    /** Platform capacity ÷ baseline capacity (requests/s). */
    capacity: number | null;
    /** Platform ÷ baseline business p95 at the ci rate. */
    ciBusinessP95: number | null;
  };
  durationSeconds: number;
}

export interface BenchOptions {
  stepSeconds?: number;
  /** Highest iteration rate tried; about 1.5 requests each. */
  ceiling?: number;
  reportsDir?: string;
  log?: (line: string) => void;
}

async function capacityOf(
  setup: StepSetup,
  target: StepTarget,
  ciRate: number,
  ciSeconds: number,
  stepSeconds: number,
  ceiling: number,
): Promise<TargetCapacity> {
  const ci = await runRateStep(setup, target, ciRate, ciSeconds);
  const steps: RateStep[] = [];
  // One p99 over ten seconds can be spoiled by a single pause elsewhere on the machine:
  // a rate only counts as broken when a second run at it breaks too.
  const tryRate = async (rate: number): Promise<RateStep> => {
    const first = await runRateStep(setup, target, rate, stepSeconds);
    steps.push(first);
    if (first.holdsSla) return first;
    const again = await runRateStep(setup, target, rate, stepSeconds);
    steps.push(again);
    return again;
  };
  let good: RateStep | undefined;
  let bad: RateStep | undefined;
  for (let rate = ciRate; rate <= ceiling && !bad; rate *= 2) {
    const step = await tryRate(rate);
    if (step.holdsSla) good = step;
    else bad = step;
  }
  // Two bisections narrow the break point to a quarter of the last doubling.
  for (let i = 0; i < 2 && good && bad; i++) {
    const rate = Math.round((good.iterationsPerSecond + bad.iterationsPerSecond) / 2);
    if (rate === good.iterationsPerSecond || rate === bad.iterationsPerSecond) break;
    const step = await tryRate(rate);
    if (step.holdsSla) good = step;
    else bad = step;
  }
  return {
    target: target.label,
    ci,
    steps,
    capacity: good
      ? {
          iterationsPerSecond: good.iterationsPerSecond,
          requestsPerSecond: good.achievedRequestsPerSecond,
        }
      : null,
    atCeiling: !bad,
  };
}

const ratio = (a: number | undefined, b: number | undefined): number | null =>
  a === undefined || b === undefined || b === 0 ? null : Math.round((a / b) * 100) / 100;

export async function benchLoadCapacity(options: BenchOptions = {}): Promise<LoadCapacityBench> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.error(line));
  const stepSeconds = options.stepSeconds ?? 10;
  const ceiling = options.ceiling ?? 2560;
  const { profile } = resolveProfile({ name: 'local', env: {} });
  const reportsDir = options.reportsDir ?? resolveReportsDir();
  const lookup = await findK6();
  if (!('found' in lookup)) throw new Error(lookup.missing);
  const [bundle] = await bundleScenarios(['sla']);
  if (!bundle) throw new Error('no sla bundle');
  const controller = new AbortController();
  const setup: StepSetup = {
    k6: lookup.found,
    bundlePath: bundle.path,
    sla: profile.sla,
    evidenceDir: join(reportsDir, 'bench', 'load'),
    signal: controller.signal,
    log,
  };

  // Bench traffic stays on loopback and is bounded by `ceiling`; the profile's cap is for real targets.
  await using services = await startServices({ env: offlineContainerEnv(), log });
  await using platform = await startPlatform({
    databaseUrl: services.postgres.url,
    redisUrl: services.redis.url,
    env: process.env,
  });
  // The benchmark baseline: the in-memory fake, without the request log tests assert on.
  await using stub = await startFakePlatform({ recordRequests: false });
  registerSecret(platform.demoParent.password);
  const ci = profile.load.ci;
  // One after the other: in parallel, each would take CPU from the other (2 cores here).
  const platformCapacity = await capacityOf(
    setup,
    { label: 'platform', baseUrl: platform.url, ...platform.demoParent },
    ci.ratePerSecond,
    ci.durationSeconds,
    stepSeconds,
    ceiling,
  );
  const baseline = await capacityOf(
    setup,
    { label: 'baseline', baseUrl: stub.url, ...stub.credentials },
    ci.ratePerSecond,
    ci.durationSeconds,
    stepSeconds,
    ceiling,
  );

  const result: LoadCapacityBench = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, k6: lookup.found.version },
    stepSeconds,
    platform: platformCapacity,
    baseline,
    ratios: {
      capacity: ratio(platformCapacity.capacity?.requestsPerSecond, baseline.capacity?.requestsPerSecond),
      ciBusinessP95: ratio(platformCapacity.ci.businessP95Ms, baseline.ci.businessP95Ms),
    },
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  await writeFileAtomic(join(reportsDir, 'bench', 'load-capacity.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (import.meta.main) {
  const seconds = Number(process.argv[2] ?? 10);
  const result = await benchLoadCapacity({
    stepSeconds: Number.isInteger(seconds) && seconds > 0 ? seconds : 10,
  });
  for (const t of [result.platform, result.baseline]) {
    console.log(
      JSON.stringify({
        target: t.target,
        capacityRequestsPerSecond: t.capacity?.requestsPerSecond ?? null,
        capacityIterationsPerSecond: t.capacity?.iterationsPerSecond ?? null,
        atCeiling: t.atCeiling,
        ciRateRatio: t.ci.rateRatio,
        ciStartedRatio: t.ci.startedRatio,
        ciBusinessP95Ms: t.ci.businessP95Ms,
      }),
    );
  }
  console.log(JSON.stringify({ ratios: result.ratios, durationSeconds: result.durationSeconds }));
}
