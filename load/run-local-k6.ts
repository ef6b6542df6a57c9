import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { redact } from '../common/redact.ts';
import type { RunResult } from '../reports/run-result.ts';
import { PLAN_ENV, SUMMARY_PATH_ENV } from './catalog/load-plan.ts';
import type { FoundK6 } from './find-k6.ts';
import { readK6Summary, type K6Summary } from './k6-summary.ts';
import { buildLoadReport, endpointTable, type LoadReport } from './load-report.ts';
import { loadResult, runCheck } from './load-result.ts';
import type { ResolvedLoad } from './resolve-load-plan.ts';
import { freePort } from '../common/free-port.ts';
import { dashboardExport, k6OutputEnv } from './k6-outputs.ts';
import { startK6Progress } from './k6-progress.ts';
import { runK6, type K6Exit } from './run-k6.ts';
import { displayPath } from '../common/display-path.ts';
import type { LoadJob } from './load-job.ts';
import { loadChecks } from './summary-to-checks.ts';
import { compareWithHistory } from './regression/compare-with-history.ts';
import { readK6Points, type EndpointSamples } from './regression/k6-points.ts';

/** Setup (login, menu) + graceful stop + teardown + slack: past this, k6 is stopped. */
const OVERHEAD_SECONDS = 30 + 10 + 10 + 30;

export interface K6RunRequest {
  k6: FoundK6;
  bundlePath: string;
  load: ResolvedLoad;
  baseUrl: string;
  email: string;
  password: string;
  /** Where the raw summary and the report go, as `<scenario>-<profile>.*.json`. */
  evidenceDir: string;
  log: (line: string) => void;
  signal: AbortSignal;
}

export interface K6RunOutcome {
  exit: K6Exit;
  /** Why the run ended before its plan (interrupt, deadline). */
  aborted?: string;
  summaryPath: string;
  reportPath: string;
  /** Present when k6 wrote its summary. */
  measured?: { summary: K6Summary; report: LoadReport };
  /** Every request's latency per endpoint, from k6's JSON output (absent if k6 wrote none). */
  endpoints?: Map<string, EndpointSamples>;
  /** Why there is no summary. */
  problem?: string;
}

/** The child gets only what it needs: no stray secrets from the harness's own environment. */
function k6Environment(request: K6RunRequest, summaryPath: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    K6_NO_USAGE_REPORT: 'true',
    [PLAN_ENV]: JSON.stringify(request.load.plan),
    [SUMMARY_PATH_ENV]: summaryPath,
    HARNESS_BASE_URL: request.baseUrl,
    HARNESS_USER_EMAIL: request.email,
    HARNESS_USER_PASSWORD: request.password,
  };
  if (process.env.HOME) env.HOME = process.env.HOME;
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  Object.assign(env, k6OutputEnv(process.env));
  // The points output is given with --out, which replaces K6_OUT: the user's outputs go there too.
  delete env.K6_OUT;
  return env;
}

/**
 * k6's handleSummary holds only aggregates (p50/p95/p99), and a Trend per endpoint would give
 * no more; the regression gate needs every request's latency. k6's JSON output streams one
 * line per sample, gzip-compressed, read back line by line into histograms after the run.
 */
function outputArgs(pointsPath: string): string[] {
  const user = k6OutputEnv(process.env).K6_OUT;
  return ['--out', `json=${pointsPath}`, ...(user ? ['--out', user] : [])];
}

function abortReason(exit: K6Exit, deadlineSeconds: number): string | undefined {
  if (exit.stoppedBy === 'signal') return 'interrupted: k6 was stopped before the planned end';
  if (exit.stoppedBy === 'deadline') return `k6 ran past its deadline of ${deadlineSeconds} s and was stopped`;
  return undefined;
}

/** Runs one bundle with the local k6 and reads back what it measured; shared by the runner and the bench. */
export async function executeK6(request: K6RunRequest): Promise<K6RunOutcome> {
  const { load, evidenceDir } = request;
  const name = `${load.plan.scenario}-${load.plan.profile}`;
  const summaryTmp = join(evidenceDir, `.${name}.k6-summary.tmp.json`);
  const summaryPath = join(evidenceDir, `${name}.k6-summary.json`);
  const reportPath = join(evidenceDir, `${name}.report.json`);
  const pointsPath = join(evidenceDir, `.${name}.k6-points.json.gz`);
  const regressionPath = join(evidenceDir, `${name}.regression.json`);
  await mkdir(evidenceDir, { recursive: true });
  await Promise.all(
    [summaryTmp, summaryPath, reportPath, pointsPath, regressionPath].map((p) => rm(p, { force: true })),
  );

  const deadlineSeconds = load.totalSeconds + OVERHEAD_SECONDS;
  // --quiet: no banner and no per-second progress; one line every 10 s comes from the REST API instead.
  const address = `127.0.0.1:${await freePort()}`;
  const progress = startK6Progress({ address, log: request.log });
  let exit: K6Exit;
  try {
    exit = await runK6({
      k6Path: request.k6.path,
      args: [
        'run',
        '--no-usage-report',
        '--no-color',
        '--quiet',
        '--address',
        address,
        ...outputArgs(pointsPath),
        request.bundlePath,
      ],
      env: k6Environment(request, summaryTmp),
      log: request.log,
      signal: request.signal,
      deadlineMs: deadlineSeconds * 1000,
    });
  } finally {
    progress.stop();
  }
  const outcome: K6RunOutcome = {
    exit,
    aborted: abortReason(exit, deadlineSeconds),
    summaryPath,
    reportPath,
  };
  // The raw points are large and redundant once in histograms: read, then removed.
  const endpoints = await readK6Points(pointsPath).catch(() => undefined);
  await rm(pointsPath, { force: true });
  const read = await readK6Summary(summaryTmp);
  if ('problem' in read) return { ...outcome, problem: read.problem };
  // handleSummary already drops setup_data (the token); redact anyway in case a secret reached a tag.
  await writeFileAtomic(summaryPath, redact(read.raw));
  await rm(summaryTmp, { force: true });
  const notes = [
    ...load.notes,
    ...(exit.thresholdAbort ? ['k6 stopped the run early: a threshold with abortOnFail was crossed'] : []),
  ];
  const report = buildLoadReport(load, read.summary, notes);
  await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  return { ...outcome, measured: { summary: read.summary, report }, ...(endpoints ? { endpoints } : {}) };
}

/** The runner's local path: run, print the per-endpoint table, map thresholds to checks. */
export interface HistoryOptions {
  dir: string;
  baselineRuns: number;
}

export async function runLocalK6(
  job: LoadJob,
  k6: FoundK6,
  password: string,
  history?: HistoryOptions,
): Promise<RunResult> {
  const { load, context, base } = job;
  context.log(`load: ${k6.path} (k6 ${k6.version}, from ${k6.source}) → ${context.target.baseUrl}`);
  const outcome = await executeK6({
    k6,
    bundlePath: job.bundle.path,
    load,
    baseUrl: context.target.baseUrl,
    email: context.target.credentials.email,
    password,
    evidenceDir: job.evidenceDir,
    log: context.log,
    signal: context.signal,
  });
  const { exit, aborted, measured } = outcome;
  if (!measured) {
    const why = [`${outcome.problem ?? 'no summary'}; k6 exited with ${exit.code ?? 'a signal'}`, ...exit.errors].join(
      '\n',
    );
    return loadResult(
      base,
      [runCheck(load.plan.scenario, 'error', why, base)],
      aborted ?? `k6 did not finish: exit ${exit.code}`,
    );
  }
  for (const line of endpointTable(measured.report)) context.log(`load: ${line}`);
  // Exit codes other than 0 (passed) and 99 (thresholds crossed) mean k6 itself had trouble,
  // e.g. setup() could not log in: whatever was measured is then not a verdict on the platform.
  const failed = exit.code !== 0 && exit.code !== 99 && !aborted;
  const k6Failure = failed
    ? `exit ${exit.code ?? 'by signal'}${exit.errors.length > 0 ? `: ${exit.errors.join(' | ')}` : ''}`
    : undefined;
  const dashboard = await dashboardExport(process.env);
  const checks = loadChecks(load, measured.summary, measured.report, {
    thresholdAbort: exit.thresholdAbort,
    insufficientVUs: exit.insufficientVUs,
    evidence: [displayPath(outcome.reportPath), displayPath(outcome.summaryPath), ...(dashboard ? [dashboard] : [])],
    durationMs: exit.durationMs,
    ...(k6Failure ? { k6Failure } : {}),
  });
  if (k6Failure) {
    const evidence = [displayPath(outcome.summaryPath)];
    checks.push(runCheck(load.plan.scenario, 'error', `k6 ${k6Failure}`, base, evidence));
  }
  if (history && outcome.endpoints) {
    const green = !aborted && checks.every((c) => c.status !== 'fail' && c.status !== 'error');
    checks.push(
      ...(await compareWithHistory({
        historyDir: history.dir,
        baselineRuns: history.baselineRuns,
        environment: context.environment.profile.name,
        scenario: load.plan.scenario,
        profile: load.plan.profile,
        ratePerSecond: load.plan.ratePerSecond,
        startedAt: base.startedAt,
        k6Version: k6.version,
        green,
        endpoints: outcome.endpoints,
        evidenceStem: join(job.evidenceDir, `${load.plan.scenario}-${load.plan.profile}`),
        evidencePath: displayPath,
      })),
    );
  }
  return loadResult(base, checks, aborted);
}
