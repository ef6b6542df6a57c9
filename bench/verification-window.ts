/**
 * What the drills' verification windows cost: `run chaos` (all six shipped drills, platform
 * start included) as shipped, whose windows go at their own rate, against the same drills with
 * the window at the drill's rate (the baseline), alternating in one run so machine load hits both.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedDrillPath, SHIPPED_DRILL_NAMES } from '../chaos/drills/shipped-drills.ts';
import { alternateCliRuns, type TimedCliRun } from './time-cli-run.ts';

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
      const drill = JSON.parse(await readFile(shippedDrillPath(name), 'utf8')) as {
        traffic?: { verification?: Record<string, unknown> };
      };
      delete drill.traffic?.verification?.ratePerSecond;
      const path = join(dir, `${name}.json`);
      await writeFile(path, JSON.stringify(drill));
      return path;
    }),
  );
}

export async function benchVerificationWindow(
  rounds: number,
  log: (line: string) => void,
): Promise<VerificationWindowBench> {
  const dir = await mkdtemp(join(tmpdir(), 'hasivu-window-bench-'));
  try {
    const drillFiles = await baselineDrillFiles(dir);
    const baseline = drillFiles.flatMap((file) => ['--drill-file', file]);
    const { runs, medians, ratio } = await alternateCliRuns(
      'verification window',
      rounds,
      [
        ['shipped', ['run', 'chaos']],
        ['baseline', ['run', 'chaos', ...baseline]],
      ],
      join(dir, 'reports'),
      log,
    );
    const [shippedMedianMs = 0, baselineMedianMs = 0] = medians;
    return { rounds, runs, shippedMedianMs, baselineMedianMs, ratio };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
