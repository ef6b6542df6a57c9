import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedEnvironment } from '../fixtures/environments/resolve-profile.ts';
import type { RunContext } from '../runner/runner.ts';
import { HarnessError } from '../common/harness-error.ts';
import { registerSecret } from '../common/redact.ts';
import { runResultPath, writeRunResult } from '../reports/run-result-files.ts';
import type { RunResult } from '../reports/run-result.ts';
import { bundleScenarios, type ScenarioBundle } from './bundle-scenarios.ts';
import { CREDENTIALS_SECRET, writeOperatorManifest } from './emit/write-operator-manifest.ts';
import { findK6 } from './find-k6.ts';
import type { LoadArgs } from './load-args.ts';
import { displayPath } from '../common/display-path.ts';
import type { LoadJob } from './load-job.ts';
import { loadResult, runCheck, type ResultBase } from './load-result.ts';
import { resolveLoad, type ResolvedLoad } from './resolve-load-plan.ts';
import { runCloud } from './run-cloud.ts';
import { runLocalK6 } from './run-local-k6.ts';
import { DEFAULT_BASELINE_RUNS } from './regression/compare-with-history.ts';
import { assertLoadAllowed } from './target-guard.ts';

/** The k6 this project is built and tested with (scripts/bootstrap.sh); the default runner image tag. */
export const K6_TESTED_VERSION = '2.2.0';

function describePlan(load: ResolvedLoad): string {
  const { plan } = load;
  return (
    `load: ${plan.scenario} scenario, ${plan.profile} profile: ${plan.ratePerSecond} iterations/s ` +
    `(~${load.requestRate} requests/s) for ${load.totalSeconds} s, up to ${plan.maxVUs} VUs, ` +
    `at most ${load.maxRequests} requests`
  );
}

/** k6 is missing: the scorecard must see "performance: not evaluated", never an old pass. */
async function notEvaluated(context: RunContext, base: ResultBase, scenario: string, reason: string): Promise<never> {
  const result = loadResult(base, [runCheck(scenario, 'skip', reason, base)], reason);
  await writeRunResult(context.environment.reportsDir, result);
  throw new HarnessError('K6_NOT_FOUND', reason);
}

/** The scenario bundled for k6, with a line naming it. */
async function bundleFor(load: ResolvedLoad, log: (line: string) => void): Promise<ScenarioBundle> {
  const [bundle] = await bundleScenarios([load.plan.scenario]);
  if (!bundle) throw new Error(`esbuild produced no bundle for ${load.plan.scenario}`);
  log(`load: bundled ${displayPath(bundle.path)} (${bundle.bytes} bytes, sha256 ${bundle.sha256.slice(0, 12)})`);
  return bundle;
}

/**
 * `--emit k6-operator`: the TestRun and its ConfigMap for the cluster's k6 runners. Nothing
 * runs here and nothing is sent to the target (not even /health): the manifest only names
 * its URL, so the target need not be reachable from this machine. No result is written.
 */
export async function emitOperatorManifest(
  environment: ResolvedEnvironment,
  args: LoadArgs,
  log: (line: string) => void,
): Promise<number> {
  const { profile, reportsDir } = environment;
  const baseUrl = profile.target.baseUrl;
  if (!baseUrl) {
    throw new HarnessError(
      'USAGE',
      `--emit k6-operator writes a TestRun for a deployed target, which the ${profile.name} profile does not name; set HARNESS_BASE_URL to the URL the k6 runners should load`,
    );
  }
  const load = resolveLoad(profile, args);
  // A refused target gets no manifest either: applying it would send the load.
  assertLoadAllowed(baseUrl, profile, args.allowProductionLoad);
  const lookup = await findK6();
  const k6 = 'found' in lookup ? lookup.found : undefined;
  for (const note of load.notes) log(`load: ${note}`);
  log(describePlan(load));
  const path = await writeOperatorManifest({
    bundle: await bundleFor(load, log),
    plan: load.plan,
    baseUrl,
    email: profile.auth.email,
    outDir: join(reportsDir, 'load'),
    parallelism: args.parallelism,
    image: args.image,
    k6Version: k6?.version ?? K6_TESTED_VERSION,
    peakRate: load.plan.ratePerSecond,
  });
  const shown = displayPath(path);
  log(`load: wrote ${shown}; run it with:`);
  log(`  kubectl create secret generic ${CREDENTIALS_SECRET} --from-literal=password="$HARNESS_USER_PASSWORD"`);
  log(`  kubectl apply -f ${shown}`);
  return 0;
}

export async function runLoad(context: RunContext, args: LoadArgs): Promise<RunResult> {
  const { profile, reportsDir } = context.environment;
  if (args.emit)
    throw new Error('--emit k6-operator is an offline mode of run load (emitOperatorManifest); it sends no load');
  const load = resolveLoad(profile, args);
  // Before anything else: a refused target costs nothing and receives nothing.
  assertLoadAllowed(context.target.baseUrl, profile, args.allowProductionLoad);
  const password = context.target.credentials.password;
  if (!password && !args.cloud) {
    throw new HarnessError(
      'MISSING_CREDENTIALS',
      `HARNESS_USER_PASSWORD is not set; set it to the password of ${context.target.credentials.email} (k6 logs in once, in setup)`,
    );
  }
  registerSecret(password);
  const lookup = await findK6();
  const k6 = 'found' in lookup ? lookup.found : undefined;
  const base: ResultBase = {
    context,
    startedAt: new Date(),
    k6Version: k6?.version ?? 'not found',
  };
  for (const note of load.notes) context.log(`load: ${note}`);
  context.log(describePlan(load));
  if (!k6) {
    return notEvaluated(context, base, load.plan.scenario, 'missing' in lookup ? lookup.missing : 'k6 not found');
  }

  const bundle = await bundleFor(load, context.log);
  const job: LoadJob = { context, load, bundle, evidenceDir: join(reportsDir, 'load'), base };

  // A run that crashes must not leave the previous run's result looking like its own.
  await rm(runResultPath(reportsDir, 'load'), { force: true });
  const history = args.historyDir
    ? { dir: args.historyDir, baselineRuns: args.baselineRuns ?? DEFAULT_BASELINE_RUNS }
    : undefined;
  const result = args.cloud ? await runCloud(job, k6) : await runLocalK6(job, k6, password ?? '', history);
  await writeRunResult(reportsDir, result);
  return result;
}
