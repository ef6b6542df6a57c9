import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startChild } from '../common/child-process.ts';

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
export async function timeCliRun(variant: string, args: string[], reportsDir: string): Promise<TimedCliRun> {
  const child = startChild(process.execPath, [CLI, ...args], {
    env: { ...process.env, HARNESS_REPORTS_DIR: reportsDir },
    timeoutMs: RUN_DEADLINE_MS,
  });
  const exit = await child.exited;
  const loadAverage = Number((await readFile('/proc/loadavg', 'utf8').catch(() => '0')).split(' ')[0]);
  return { variant, durationMs: exit.durationMs, exitCode: exit.code, loadAverage };
}

/** The median duration of the runs of `variant` that passed (exit 0). */
export function passedMedianMs(runs: readonly TimedCliRun[], variant: string, median: (values: readonly number[]) => number): number {
  return Math.round(median(runs.filter((r) => r.variant === variant && r.exitCode === 0).map((r) => r.durationMs)));
}
