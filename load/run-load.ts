import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunContext } from '../runner/runner.ts';
import { HarnessError } from '../common/harness-error.ts';
import { registerSecret } from '../common/redact.ts';
import { runResultPath, writeRunResult } from '../reports/run-result-files.ts';
import type { RunResult } from '../reports/run-result.ts';
import { bundleScenarios } from './bundle-scenarios.ts';
import { CREDENTIALS_SECRET, writeOperatorManifest } from './emit/write-operator-manifest.ts';
import { findK6, type FoundK6 } from './find-k6.ts';
import type { LoadArgs } from './load-args.ts';
import { evidencePath, type LoadJob } from './load-job.ts';
import { loadResult, runCheck, type ResultBase } from './load-result.ts';
import { resolveLoad, type ResolvedLoad } from './resolve-load-plan.ts';
import { runCloud } from './run-cloud.ts';
import { runLocalK6 } from './run-local-k6.ts';
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
async function notEvaluated(
  context: RunContext,
  base: ResultBase,
  scenario: string,
  reason: string,
): Promise<never> {
  const result = loadResult(base, [runCheck(scenario, 'skip', reason, base)], reason);
  await writeRunResult(context.environment.reportsDir, result);
  throw new HarnessError('K6_NOT_FOUND', reason);
}

/** `--emit k6-operator`: nothing runs, so the result is returned but not written as evidence. */
async function emitOperator(
  job: LoadJob,
  args: LoadArgs,
  k6: FoundK6 | undefined,
): Promise<RunResult> {
  const { context, load, bundle, base } = job;
  const path = await writeOperatorManifest({
    bundle,
    plan: load.plan,
    baseUrl: context.target.baseUrl,
    email: context.target.credentials.email,
    outDir: job.evidenceDir,
    parallelism: args.parallelism,
    image: args.image,
    k6Version: k6?.version ?? K6_TESTED_VERSION,
    peakRate: load.plan.ratePerSecond,
  });
  const shown = evidencePath(path);
  context.log(`load: wrote ${shown}; run it with:`);
  context.log(
    `  kubectl create secret generic ${CREDENTIALS_SECRET} --from-literal=password="$HARNESS_USER_PASSWORD"`,
  );
  context.log(`  kubectl apply -f ${shown}`);
  const note = `k6-operator TestRun written to ${shown}; not run here`;
  return loadResult(base, [
    { ...runCheck(load.plan.scenario, 'skip', note, base), evidence: [shown] },
  ]);
}

export async function runLoad(context: RunContext, args: LoadArgs): Promise<RunResult> {
  const { profile, reportsDir } = context.environment;
  const load = resolveLoad(profile, args);
  // Before anything else: a refused target costs nothing and receives nothing.
  assertLoadAllowed(context.target.baseUrl, profile, args.allowProductionLoad);
  const password = context.target.credentials.password;
  if (!password && !args.cloud && !args.emit) {
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
  if (!k6 && !args.emit) {
    return notEvaluated(
      context,
      base,
      load.plan.scenario,
      'missing' in lookup ? lookup.missing : 'k6 not found',
    );
  }

  const [bundle] = await bundleScenarios([load.plan.scenario]);
  if (!bundle) throw new Error(`esbuild produced no bundle for ${load.plan.scenario}`);
  context.log(
    `load: bundled ${evidencePath(bundle.path)} (${bundle.bytes} bytes, sha256 ${bundle.sha256.slice(0, 12)})`,
  );
  const job: LoadJob = { context, load, bundle, evidenceDir: join(reportsDir, 'load'), base };
  if (args.emit) return emitOperator(job, args, k6);
  if (!k6) throw new Error('unreachable: a missing k6 returned above');

  // A run that crashes must not leave the previous run's result looking like its own.
  await rm(runResultPath(reportsDir, 'load'), { force: true });
  const result = args.cloud ? await runCloud(job, k6) : await runLocalK6(job, k6, password ?? '');
  await writeRunResult(reportsDir, result);
  return result;
}
