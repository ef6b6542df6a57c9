import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { redact } from '../common/redact.ts';
import type { RunResult } from '../reports/run-result.ts';
import { PLAN_ENV, SUMMARY_PATH_ENV } from './catalog/load-plan.ts';
import type { FoundK6 } from './find-k6.ts';
import { readK6Summary } from './k6-summary.ts';
import { buildLoadReport, endpointTable } from './load-report.ts';
import { loadResult, runCheck } from './load-result.ts';
import { runK6, type K6Exit } from './run-k6.ts';
import { evidencePath, type LoadJob } from './run-load.ts';
import { loadChecks } from './summary-to-checks.ts';

/** Setup (login, menu) + graceful stop + teardown + slack: past this, k6 is stopped. */
const OVERHEAD_SECONDS = 30 + 10 + 10 + 30;

/** The child gets only what it needs: no stray secrets from the harness's own environment. */
export function k6Environment(job: LoadJob, password: string, summaryPath: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    K6_NO_USAGE_REPORT: 'true',
    [PLAN_ENV]: JSON.stringify(job.load.plan),
    [SUMMARY_PATH_ENV]: summaryPath,
    HARNESS_BASE_URL: job.context.target.baseUrl,
    HARNESS_USER_EMAIL: job.context.target.credentials.email,
    HARNESS_USER_PASSWORD: password,
  };
  if (process.env.HOME) env.HOME = process.env.HOME;
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  return env;
}

function abortReason(exit: K6Exit, deadlineSeconds: number): string | undefined {
  if (exit.stoppedBy === 'signal') return 'interrupted: k6 was stopped before the planned end';
  if (exit.stoppedBy === 'deadline') return `k6 ran past its deadline of ${deadlineSeconds} s and was stopped`;
  return undefined;
}

/** Runs the bundle with the local k6 and maps its summary to checks. */
export async function runLocalK6(job: LoadJob, k6: FoundK6, password: string): Promise<RunResult> {
  const { load, evidenceDir, context, base } = job;
  const name = `${load.plan.scenario}-${load.plan.profile}`;
  const summaryTmp = join(evidenceDir, `.${name}.k6-summary.tmp.json`);
  const summaryPath = join(evidenceDir, `${name}.k6-summary.json`);
  const reportPath = join(evidenceDir, `${name}.report.json`);
  await Promise.all([summaryTmp, summaryPath, reportPath].map((p) => rm(p, { force: true })));

  const deadlineSeconds = load.totalSeconds + OVERHEAD_SECONDS;
  context.log(`load: ${k6.path} (k6 ${k6.version}, from ${k6.source}) → ${context.target.baseUrl}`);
  const exit = await runK6({
    k6Path: k6.path,
    args: ['run', '--no-usage-report', '--no-color', job.bundle.path],
    env: k6Environment(job, password, summaryTmp),
    log: context.log,
    signal: context.signal,
    deadlineMs: deadlineSeconds * 1000,
  });
  const aborted = abortReason(exit, deadlineSeconds);
  const read = await readK6Summary(summaryTmp);
  if ('problem' in read) {
    const why = [`${read.problem}; k6 exited with ${exit.code ?? 'a signal'}`, ...exit.errors].join('\n');
    return loadResult(base, [runCheck(load.plan.scenario, 'error', why, base)], aborted ?? `k6 did not finish: exit ${exit.code}`);
  }
  // setup_data is already dropped by handleSummary; redact anyway in case a token leaked into a tag.
  await writeFileAtomic(summaryPath, redact(read.raw));
  await rm(summaryTmp, { force: true });
  const notes = [...load.notes, ...(exit.thresholdAbort ? ['k6 stopped the run early: a threshold with abortOnFail was crossed'] : [])];
  const report = buildLoadReport(load, read.summary, notes);
  await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  for (const line of endpointTable(report)) context.log(`load: ${line}`);

  const checks = loadChecks(load, read.summary, report, {
    thresholdAbort: exit.thresholdAbort,
    insufficientVUs: exit.insufficientVUs,
    evidence: [evidencePath(reportPath), evidencePath(summaryPath)],
    durationMs: exit.durationMs,
  });
  // Exit codes other than 0 (passed) and 99 (thresholds crossed) mean k6 itself had trouble.
  if (exit.code !== 0 && exit.code !== 99 && !aborted) {
    const message = `k6 exited with ${exit.code ?? 'a signal'}${exit.errors.length > 0 ? `:\n${exit.errors.join('\n')}` : ''}`;
    checks.push(runCheck(load.plan.scenario, 'error', message, base, [evidencePath(summaryPath)]));
  }
  return loadResult(base, checks, aborted);
}

/** For tests and the bench: the figures a finished run left behind. */
export async function readRunReport(reportsDir: string, scenario: string, profile: string): Promise<unknown> {
  return JSON.parse(await readFile(join(reportsDir, 'load', `${scenario}-${profile}.report.json`), 'utf8')) as unknown;
}
