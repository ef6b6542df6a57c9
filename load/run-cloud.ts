import type { RunResult } from '../reports/run-result.ts';
import { cloudInvocation } from './emit/cloud-invocation.ts';
import type { FoundK6 } from './find-k6.ts';
import { loadResult, runCheck } from './load-result.ts';
import { runK6 } from './run-k6.ts';
import type { LoadJob } from './load-job.ts';

/** Grafana Cloud queues and runs the test; allow for the queue on top of the run itself. */
const CLOUD_OVERHEAD_SECONDS = 600;

/**
 * `--cloud`: the same bundle, run by Grafana Cloud k6. The verdict is k6's exit code
 * (99 when a threshold failed); the per-endpoint figures live in the cloud run, whose
 * URL becomes the check's evidence.
 */
export async function runCloud(job: LoadJob, k6: FoundK6): Promise<RunResult> {
  const { load, context, base } = job;
  const invocation = cloudInvocation(
    job.bundle.path,
    load.plan,
    context.target.baseUrl,
    context.target.credentials.email,
    process.env,
  );
  const urls: string[] = [];
  const exit = await runK6({
    k6Path: k6.path,
    args: invocation.args,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      ...invocation.env,
    },
    log: (line) => {
      const url = /https:\/\/\S+\/runs\/\d+/.exec(line)?.[0];
      if (url && !urls.includes(url)) urls.push(url);
      context.log(line);
    },
    signal: context.signal,
    deadlineMs: (load.totalSeconds + CLOUD_OVERHEAD_SECONDS) * 1000,
  });
  const passed = exit.code === 0;
  const check = {
    ...runCheck(load.plan.scenario, 'error', '', base, urls),
    id: `load.${load.plan.scenario}.cloud`,
    title: `Grafana Cloud k6 ran ${load.plan.scenario} within every SLA threshold`,
    status: passed ? ('pass' as const) : exit.code === 99 ? ('fail' as const) : ('error' as const),
    message: passed
      ? 'every threshold held (per-endpoint figures are in the cloud run)'
      : exit.code === 99
        ? 'a threshold was crossed; the cloud run shows which'
        : `k6 cloud run exited with ${exit.code ?? 'a signal'}${exit.errors.length ? `: ${exit.errors.join(' | ')}` : ''}`,
  };
  return loadResult(base, [check], exit.stoppedBy ? `k6 cloud run stopped (${exit.stoppedBy})` : undefined);
}
