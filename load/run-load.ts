import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunContext } from '../cli/runner.ts';
import { HarnessError } from '../common/harness-error.ts';
import { registerSecret } from '../common/redact.ts';
import { runResultPath, writeRunResult } from '../reports/run-result-files.ts';
import type { RunResult } from '../reports/run-result.ts';
import { bundleScenarios } from './bundle-scenarios.ts';
import { writeOperatorManifest } from './emit/write-operator-manifest.ts';
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
    `(~${load.requestRate} requests/s) for ${load.totalSeconds} s, up to ${plan.maxVUs} VUs, at most ${load.maxRequests} requests`
  );
}

async function notEvaluated(job: Omit<LoadJob, 'bundle'>, reason: string): Promise<never> {
  // The scorecard must see "performance: not evaluated", not an old pass.
  const result = loadResult(job.base, [runCheck(job.load.plan.scenario, 'skip', reason, job.base)], reason);
  await writeRunResult(job.context.environment.reportsDir, result);
  throw new HarnessError('K6_NOT_FOUND', reason);
}

export async function runLoad(context: RunContext, args: LoadArgs): Promise<RunResult> {
  const { profile, reportsDir } = context.environment;
  const load = resolveLoad(profile, args);
  assertLoadAllowed(context.target.baseUrl, profile, args.allowProductionLoad);
  const lookup = await findK6();
  const k6: FoundK6 | undefined = 'found' in lookup ? lookup.found : undefined;
  const base: ResultBase = { context, startedAt: new Date(), k6Version: k6?.version ?? 'not found' };
  const evidenceDir = join(reportsDir, 'load');
  for (const note of load.notes) context.log(`load: ${note}`);
  context.log(describePlan(load));

  if (!k6 && !args.emit) {
    return notEvaluated({ context, load, evidenceDir, base }, 'missing' in lookup ? lookup.missing : 'k6 not found');
  }
  const [bundle] = await bundleScenarios([load.plan.scenario]);
  if (!bundle) throw new Error(`esbuild produced no bundle for ${load.plan.scenario}`);
  context.log(`load: bundled ${evidencePath(bundle.path)} (${bundle.bytes} bytes, sha256 ${bundle.sha256.slice(0, 12)})`);
  const job: LoadJob = { context, load, bundle, evidenceDir, base };

  if (args.emit) {
    const path = await writeOperatorManifest({
      bundle,
      plan: load.plan,
      baseUrl: context.target.baseUrl,
      email: context.target.credentials.email,
      outDir: evidenceDir,
      parallelism: args.parallelism,
      image: args.image,
      k6Version: k6?.version ?? K6_TESTED_VERSION,
      peakRate: load.plan.ratePerSecond,
    });
    context.log(`load: wrote ${evidencePath(path)}; run it with:`);
    context.log('  kubectl create secret generic hasivu-load-credentials --from-literal=password="$HARNESS_USER_PASSWORD"');
    context.log(`  kubectl apply -f ${evidencePath(path)}`);
    // Emitting is not evidence of anything: the result is returned, not written.
    const check = { ...runCheck(load.plan.scenario, 'skip', `k6-operator TestRun written to ${evidencePath(path)}; not run here`, base), evidence: [evidencePath(path)] };
    return loadResult(base, [check]);
  }
  if (!k6) throw new Error('unreachable: k6 checked above');
  const password = context.target.credentials.password;
  if (!password && !args.cloud) {
    throw new HarnessError(
      'MISSING_CREDENTIALS',
      `HARNESS_USER_PASSWORD is not set; set it to the password of ${context.target.credentials.email} (k6 logs in once in setup)`,
    );
  }
  registerSecret(password);
  await rm(runResultPath(reportsDir, 'load'), { force: true });
  const result = args.cloud ? await runCloud(job, k6) : await runLocalK6(job, k6, password ?? '');
  await writeRunResult(reportsDir, result);
  return result;
}
