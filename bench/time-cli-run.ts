import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startChild } from '../common/child-process.ts';
import { median } from './median.ts';

const CLI = join(import.meta.dirname, '..', 'cli', 'main.ts');
/** A run that takes longer than this is stopped and counted as failed. */
const RUN_DEADLINE_MS = 10 * 60_000;

export interface TimedCliRun {
  variant: string;
  durationMs: number;
  exitCode: number | null;
  /** The 1-minute load average when the run ended: what the machine was doing besides. */
  loadAverage: number;
}

/** Runs the harness's CLI as a user would (`node cli/main.ts …`), with its own reports directory, and times it. */
async function timeCliRun(variant: string, args: string[], reportsDir: string): Promise<TimedCliRun> {
  const child = startChild(process.execPath, [CLI, ...args], {
    env: { ...process.env, HARNESS_REPORTS_DIR: reportsDir },
    timeoutMs: RUN_DEADLINE_MS,
  });
  const exit = await child.exited;
  const loadAverage = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  return { variant, durationMs: exit.durationMs, exitCode: exit.code, loadAverage };
}

/**
 * Each variant's CLI run once per round, in turns (A, B, A, B …) so machine load hits every
 * variant alike; the median duration of each variant's passing runs (exit 0), and the ratio
 * of the first variant to the second (the baseline).
 */
export async function alternateCliRuns(
  name: string,
  rounds: number,
  variants: readonly (readonly [variant: string, args: readonly string[]])[],
  reportsDir: string,
  log: (line: string) => void,
): Promise<{ runs: TimedCliRun[]; medians: number[]; ratio: number }> {
  const runs: TimedCliRun[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const [variant, args] of variants) {
      const run = await timeCliRun(variant, [...args], reportsDir);
      log(
        `${name} round ${round} ${variant}: ${(run.durationMs / 1000).toFixed(1)} s, exit ${run.exitCode}, load ${run.loadAverage}`,
      );
      runs.push(run);
    }
  }
  const medians = variants.map(([variant]) =>
    Math.round(median(runs.filter((r) => r.variant === variant && r.exitCode === 0).map((r) => r.durationMs))),
  );
  const [measured = 0, baseline = 0] = medians;
  return { runs, medians, ratio: baseline === 0 ? 0 : Math.round((measured / baseline) * 100) / 100 };
}
