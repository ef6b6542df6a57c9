import { renameSync, writeFileSync } from 'node:fs';
import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { displayPath } from '../../common/display-path.ts';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { registerExitCleanup } from '../../common/exit-cleanup.ts';
import { HarnessError, isHarnessError } from '../../common/harness-error.ts';
import { redact } from '../../common/redact.ts';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import { renderAll } from '../../reports/renderers/all-renderers.ts';
import { markdownText } from '../../reports/renderers/markdown.ts';
import { readRunResult, runResultPath } from '../../reports/run-result-files.ts';
import { RUN_KINDS, type RunResult } from '../../reports/run-result.ts';
import { currentProvenance } from '../../reports/provenance.ts';
import { computeScorecard, newestPerKind, type LoadedResult } from '../../reports/scorecard/compute-scorecard.ts';
import { evidenceHrefs, evidenceLocator } from './evidence-dirs.ts';
import { readHistory } from './scorecard-history.ts';
import { keepDrillRecords } from '../../load/regression/run-history.ts';
import { readRegressionCharts } from '../../reports/scorecard/read-regression-charts.ts';
import { writeAllureReport } from './write-allure-report.ts';
import { INTERRUPTED_EXIT_CODE } from '../interrupt.ts';
import type { Scorecard } from '../../reports/scorecard/scorecard.ts';

export interface WrittenScorecard {
  scorecard: Scorecard;
  files: string[];
}

export interface ScorecardSources {
  /** Reports directories to read results from (`check --results`); the reports directory itself when absent. */
  evidenceDirs?: string[];
  /** Earlier scorecards for the history strip (`check --history`). */
  historyDir?: string;
  log?: (line: string) => void;
  now?: Date;
  /** Set when the run was interrupted: e.g. "SIGINT during smoke". */
  interruption?: string;
  /** `check --verify-with`: what a result's attestation must prove before its evidence counts. */
  verifier?: EvidenceVerifier;
}

/** Each reason names the file and what did not match; a result that fails is not scored. */
export interface EvidenceVerifier {
  stage(dir: string, result: RunResult): Promise<string | undefined>;
  verdict(dir: string): Promise<string | undefined>;
}

/**
 * The scorecard's I/O shell around the pure parts (reports/scorecard, reports/renderers): reads
 * every result file, computes the scorecard, writes each rendering, and appends the CI summary.
 */
export async function writeScorecard(
  reportsDir: string,
  profile: Profile,
  sources: ScorecardSources = {},
): Promise<WrittenScorecard> {
  const now = sources.now ?? new Date();
  const log = sources.log ?? (() => undefined);
  const evidenceDirs = sources.evidenceDirs?.length ? sources.evidenceDirs : [reportsDir];
  const loaded: LoadedResult[] = [];
  const problems: string[] = [];
  const unverifiedEvidence: string[] = [];
  for (const dir of evidenceDirs) {
    const verdictProblem = await sources.verifier?.verdict(dir);
    if (verdictProblem) unverifiedEvidence.push(verdictProblem);
    for (const kind of RUN_KINDS) {
      try {
        const result = await readRunResult(dir, kind, now);
        const unverified = result && (await sources.verifier?.stage(dir, result));
        if (unverified) unverifiedEvidence.push(unverified);
        else if (result) loaded.push({ path: displayPath(runResultPath(dir, kind)), result });
      } catch (error) {
        if (!isHarnessError(error)) throw error;
        problems.push(error.message);
      }
    }
  }
  // A scorecard that says what was refused replaces any older one (which might say ready);
  // then every problem is reported at once, and the result files themselves stay untouched.
  const score = (interruption: string | undefined): Scorecard =>
    computeScorecard(loaded, profile, now, {
      rejected: [...problems, ...unverifiedEvidence],
      interruption,
      provenance: currentProvenance(),
    });
  const computed = score(sources.interruption);
  // The Allure build below takes seconds; a second Ctrl-C then ends the process at once. The
  // exit hook still leaves a whole scorecard that says so, never a half-written or stale one.
  const unregister = registerExitCleanup(() => {
    if (process.exitCode !== INTERRUPTED_EXIT_CODE) return;
    writeRenderingsSync(
      reportsDir,
      score(sources.interruption ?? 'an interrupt while the scorecard was being written'),
    );
  });
  try {
    return await writeWholeScorecard(reportsDir, computed, loaded, evidenceDirs, sources, log, problems, now);
  } finally {
    unregister();
  }
}

/** Every rendering, each replaced in one step (temp file, then rename), in the exit hook's synchronous way. */
function writeRenderingsSync(reportsDir: string, scorecard: Scorecard): void {
  for (const [name, content] of Object.entries(renderAll(scorecard))) {
    const path = join(reportsDir, name);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, redact(content));
    renameSync(tmp, path);
  }
}

async function writeWholeScorecard(
  reportsDir: string,
  computed: Scorecard,
  loaded: LoadedResult[],
  evidenceDirs: string[],
  sources: ScorecardSources,
  log: (line: string) => void,
  problems: string[],
  now: Date,
): Promise<WrittenScorecard> {
  const used = newestPerKind(loaded);
  const entries = [
    ...computed.runs.map((r) => r.path),
    ...computed.checks.flatMap((c) => [c.source, ...(c.evidence ?? [])]),
  ];
  const locate = evidenceLocator(evidenceDirs);
  const allureReport = await writeAllureReport(reportsDir, used, evidenceDirs, locate, log);
  const history = sources.historyDir ? await readHistory(sources.historyDir, now) : [];
  // Drill recovery figures join the run history (one file per drill run, rewritten, never doubled).
  if (sources.historyDir)
    await keepDrillRecords(
      sources.historyDir,
      used.map((u) => u.result),
    );
  const regressionCharts = await readRegressionCharts(computed.checks, locate);
  const scorecard: Scorecard = {
    ...computed,
    ...(regressionCharts.length > 0 ? { regressionCharts } : {}),
    hrefs: await evidenceHrefs(entries, reportsDir, locate),
    ...(allureReport ? { allureReport } : {}),
    ...(history.length > 0 ? { history } : {}),
  };
  const files: string[] = [];
  for (const [name, content] of Object.entries(renderAll(scorecard))) {
    const path = join(reportsDir, name);
    await writeFileAtomic(path, redact(content));
    files.push(path);
  }
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary) await appendFile(summary, redact(markdownText(scorecard)));
  if (problems.length > 0) throw new HarnessError('CORRUPT_RESULT_FILE', problems.join('\n'));
  return { scorecard, files };
}

/**
 * Removes the scorecard files of an earlier run. Called when a run starts, before any stage:
 * a run that does not finish must never leave an older scorecard claiming ready.
 */
export async function removeScorecard(reportsDir: string, profile: Profile): Promise<void> {
  const names = Object.keys(renderAll(computeScorecard([], profile, new Date())));
  await Promise.all(names.map((name) => rm(join(reportsDir, name), { force: true })));
}
