import { appendFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { HarnessError, isHarnessError } from '../../common/harness-error.ts';
import { redact } from '../../common/redact.ts';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import { renderAll } from '../../reports/renderers/all-renderers.ts';
import { markdownText } from '../../reports/renderers/markdown.ts';
import { readRunResult, runResultPath } from '../../reports/run-result-files.ts';
import { RUN_KINDS } from '../../reports/run-result.ts';
import { computeScorecard, type LoadedResult } from '../../reports/scorecard/compute-scorecard.ts';
import type { Scorecard } from '../../reports/scorecard/scorecard.ts';

export interface WrittenScorecard {
  scorecard: Scorecard;
  files: string[];
}

/**
 * The scorecard's I/O shell around the pure parts (reports/scorecard, reports/renderers): reads
 * every result file, computes the scorecard, writes each rendering, and appends the CI summary.
 */
export async function writeScorecard(
  reportsDir: string,
  profile: Profile,
  options: { interruption?: string; now?: Date } = {},
): Promise<WrittenScorecard> {
  const now = options.now ?? new Date();
  const loaded: LoadedResult[] = [];
  const problems: string[] = [];
  for (const kind of RUN_KINDS) {
    try {
      const result = await readRunResult(reportsDir, kind, now);
      if (result) loaded.push({ path: relative(process.cwd(), runResultPath(reportsDir, kind)), result });
    } catch (error) {
      if (!isHarnessError(error)) throw error;
      problems.push(error.message);
    }
  }
  // A scorecard that says what was refused replaces any older one (which might say ready);
  // then every problem is reported at once, and the result files themselves stay untouched.
  const scorecard = computeScorecard(loaded, profile, now, { rejected: problems, interruption: options.interruption });
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
