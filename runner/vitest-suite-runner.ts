import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readRunResult, runResultPath, writeRunResult } from '../reports/run-result-files.ts';
import type { Category, RunKind, RunResult } from '../reports/run-result.ts';
import type { RunContext } from './runner.ts';
import { runVitestProjects } from './run-vitest.ts';

export interface VitestSuiteOptions {
  kind: RunKind;
  projects: string[];
  tagsFilter?: string[];
  /** The category of the error check written when vitest produced no result at all. */
  category: Category;
}

/**
 * Runs vitest projects for one RunKind and returns the RunResult the reporter wrote.
 * The old result file is removed first, so a crashed run can never pass off the
 * previous run's evidence as its own.
 */
export async function runVitestSuite(context: RunContext, options: VitestSuiteOptions): Promise<RunResult> {
  const { reportsDir } = context.environment;
  await rm(runResultPath(reportsDir, options.kind), { force: true });
  const startedAt = new Date().toISOString();
  let crash: string | undefined;
  const logFile = join(reportsDir, 'logs', `${options.kind}-vitest.log`);
  try {
    await runVitestProjects({
      projects: options.projects,
      tagsFilter: options.tagsFilter,
      signal: context.signal,
      logFile,
    });
  } catch (error) {
    crash = error instanceof Error ? error.message : String(error);
  }
  const written = await readRunResult(reportsDir, options.kind);
  if (context.signal.aborted)
    return markInterrupted(context, options, written ?? emptyResult(context, options, startedAt));
  if (written && !crash) return reportFailures(context, written, shownPath(logFile));
  const result: RunResult = {
    ...emptyResult(context, options, startedAt),
    checks: [
      {
        id: `${options.kind}.run`,
        title: `${options.kind} suite ran`,
        category: options.category,
        severity: 'critical',
        status: 'error',
        message: crash ?? `vitest finished without producing ${options.kind} results`,
        durationMs: Date.now() - Date.parse(startedAt),
      },
    ],
    aborted: { reason: crash ?? 'no results were produced' },
  };
  await writeRunResult(reportsDir, result);
  return result;
}

function emptyResult(context: RunContext, options: VitestSuiteOptions, startedAt: string): RunResult {
  return {
    kind: options.kind,
    environment: context.environment.profile.name,
    target: context.target.baseUrl,
    startedAt,
    finishedAt: new Date().toISOString(),
    tool: { name: 'vitest', version: 'unknown' },
    checks: [],
  };
}

/**
 * An interrupted suite: what finished stays as it is, and one check says the rest never ran.
 * It is a skip, not an error: an interrupt says nothing about the release.
 */
async function markInterrupted(
  context: RunContext,
  options: VitestSuiteOptions,
  partial: RunResult,
): Promise<RunResult> {
  const why = (context.signal.reason as Error | undefined)?.message ?? 'interrupted';
  const result: RunResult = {
    ...partial,
    finishedAt: new Date().toISOString(),
    checks: [
      ...partial.checks,
      {
        id: `${options.kind}.unfinished`,
        title: `${options.kind} suite finished`,
        category: options.category,
        severity: 'major',
        status: 'skip',
        message: `${why}: only ${partial.checks.filter((c) => c.status !== 'skip').length} checks finished; the rest never ran`,
        durationMs: Date.now() - Date.parse(partial.startedAt),
      },
    ],
    aborted: { reason: why },
  };
  await writeRunResult(context.environment.reportsDir, result);
  return result;
}

/** Relative to the working directory when inside it: shorter on the console, same in reports. */
function shownPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside.startsWith('..') ? path : inside;
}

/**
 * The console gets one line per failed check, its message's first line; a dead target's
 * blocked checks get one line together. vitest's full output, code frames included, is in
 * the log, which every failed check links as evidence.
 */
async function reportFailures(context: RunContext, result: RunResult, log: string): Promise<RunResult> {
  const failed = result.checks.filter((c) => c.status === 'fail' || c.status === 'error');
  const blocked = result.checks.filter((c) => c.status === 'blocked');
  for (const check of failed) context.log(`  ✗ ${check.id}: ${(check.message ?? check.title).split('\n')[0] ?? ''}`);
  const roots = [...new Set(blocked.map((c) => c.blockedBy))];
  for (const root of roots) {
    context.log(
      `  ⊘ ${blocked.filter((c) => c.blockedBy === root).length} checks blocked by ${root ?? 'an earlier failure'}`,
    );
  }
  if (failed.length === 0) return result;
  context.log(`  full output with code frames: ${log}`);
  const withLog: RunResult = {
    ...result,
    checks: result.checks.map((c) =>
      c.status === 'fail' || c.status === 'error' ? { ...c, evidence: [...(c.evidence ?? []), log] } : c,
    ),
  };
  await writeRunResult(context.environment.reportsDir, withLog);
  return withLog;
}
