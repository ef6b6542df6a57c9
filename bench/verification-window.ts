/**
 * What the drills' verification windows cost: `run chaos` (all six shipped drills, platform
 * start included) as shipped, whose windows go at their own rate, against the same drills with
 * the window at the drill's rate (the baseline), alternating in one run so machine load hits both.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedDrillPath, SHIPPED_DRILL_NAMES } from '../chaos/drills/shipped-drills.ts';
import { median } from './median.ts';
import { passedMedianMs, timeCliRun, type TimedCliRun } from './time-cli-run.ts';

export interface VerificationWindowBench {
  rounds: number;
  runs: TimedCliRun[];
  shippedMedianMs: number;
  baselineMedianMs: number;
  /** shipped ÷ baseline: below 1 when the window's own rate saves time. */
  ratio: number;
}

/** The shipped drills with `traffic.verification.ratePerSecond` removed, written to `dir`. */
async function baselineDrillFiles(dir: string): Promise<string[]> {
  return Promise.all(
    SHIPPED_DRILL_NAMES.map(async (name) => {
      const drill = JSON.parse(await readFile(shippedDrillPath(name), 'utf8')) as { traffic?: { verification?: Record<string, unknown> } };
      delete drill.traffic?.verification?.ratePerSecond;
      const path = join(dir, `${name}.json`);
      await writeFile(path, JSON.stringify(drill));
      return path;
    }),
  );
}

export async function benchVerificationWindow(rounds: number, log: (line: string) => void): Promise<VerificationWindowBench> {
  const dir = await mkdtemp(join(tmpdir(), 'hasivu-window-bench-'));
  try {
    const drillFiles = await baselineDrillFiles(dir);
    const runs: TimedCliRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const variant of ['shipped', 'baseline'] as const) {
        const baseline = variant === 'baseline' ? drillFiles.flatMap((file) => ['--drill-file', file]) : [];
        const run = await timeCliRun(variant, ['run', 'chaos', ...baseline], join(dir, 'reports'));
        log(`verification window round ${round} ${variant}: ${(run.durationMs / 1000).toFixed(1)} s, exit ${run.exitCode}, load ${run.loadAverage}`);
        runs.push(run);
      }
    }
    const shippedMedianMs = passedMedianMs(runs, 'shipped', median);
    const baselineMedianMs = passedMedianMs(runs, 'baseline', median);
    return { rounds, runs, shippedMedianMs, baselineMedianMs, ratio: baselineMedianMs === 0 ? 0 : Math.round((shippedMedianMs / baselineMedianMs) * 100) / 100 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
