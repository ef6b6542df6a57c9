import { HarnessError } from '../../common/harness-error.ts';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import { githubAnnotations } from '../../reports/renderers/github-annotations.ts';
import { renderTerminal } from '../../reports/renderers/terminal-table.ts';
import type { Verdict } from '../../reports/scorecard/scorecard.ts';
import { RUN_KINDS, type RunKind, type RunResult } from '../../reports/run-result.ts';
import type { RunContext, Runner } from '../../runner/runner.ts';
import { logLine, printResult } from '../console-log.ts';
import { INTERRUPTED_EXIT_CODE } from '../interrupt.ts';
import { RUNNERS } from '../runners.ts';
import { writeScorecard, type ScorecardSources } from './write-scorecard.ts';
import { attestScorecard, type Attesting } from './evidence-steps.ts';

/** The steps `verify`, `run` and `check` are made of, so each command reads as its own order of them. */

/** The runner of a kind named on the command line, loaded on demand. */
export async function runnerFor(kind: string): Promise<Runner> {
  if (!(RUN_KINDS as readonly string[]).includes(kind)) {
    throw new HarnessError('USAGE', `unknown suite "${kind}"; use one of ${RUN_KINDS.join(', ')}`);
  }
  const load = RUNNERS[kind as RunKind];
  if (!load) throw new HarnessError('RUNNER_UNAVAILABLE', `the ${kind} runner is not available in this version`);
  return load();
}

/** Runs one runner against the target, with progress on the console. */
export function runOn(runner: Runner, context: Omit<RunContext, 'log'>): Promise<RunResult> {
  return runner.run({ ...context, log: logLine });
}

/**
 * One line per finished run, and how many checks did not hold: failed, in error, or blocked
 * (a blocked check was never shown to work, so a run of only blocked checks is no pass).
 */
export function summarize(result: RunResult): { line: string; failed: number } {
  const count = (status: string) => result.checks.filter((c) => c.status === status).length;
  const failed = count('fail') + count('error');
  const blocked = count('blocked');
  const warned = count('warn');
  const line = `${result.kind}: ${count('pass')} passed, ${failed} failed, ${count('skip')} skipped${blocked > 0 ? `, ${blocked} blocked` : ''}${warned > 0 ? `, ${warned} warned` : ''}`;
  return { line, failed: failed + blocked };
}

/** Evidence missing, stale or about different releases: a pipeline can tell it from a broken release (1). */
const INCOMPLETE_EXIT_CODE = 3;

export function exitCodeFor(verdict: Verdict): number {
  if (verdict === 'interrupted') return INTERRUPTED_EXIT_CODE;
  return verdict === 'ready' ? 0 : verdict === 'incomplete' ? INCOMPLETE_EXIT_CODE : 1;
}

/** Builds, writes and prints the scorecard; returns the gate's exit code. */
export async function scoreAndGate(
  reportsDir: string,
  profile: Profile,
  sources: Omit<ScorecardSources, 'log'> = {},
  attesting?: Attesting,
): Promise<number> {
  const { scorecard, files } = await writeScorecard(reportsDir, profile, { ...sources, log: logLine });
  if (attesting)
    await attestScorecard(
      reportsDir,
      scorecard,
      profile,
      attesting,
      sources.evidenceDirs?.length ? sources.evidenceDirs : [reportsDir],
    );
  printResult(renderTerminal(scorecard));
  // On GitHub Actions the failures also show on the run page, next to the job.
  if (process.env.GITHUB_ACTIONS === 'true')
    printResult(
      githubAnnotations(scorecard)
        .map((line) => `${line}\n`)
        .join(''),
    );
  logLine(`scorecard: ${files.join(', ')}`);
  return exitCodeFor(scorecard.verdict);
}

/** This run as a person would recognise it in a lock message: `verify --env dev`. */
export function runDescription(): string {
  return process.argv.slice(2).join(' ');
}
