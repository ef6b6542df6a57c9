/**
 * What the drills' verification windows cost: `run chaos` (all six shipped drills, platform
 * start included) as shipped, whose windows go at their own rate, against the same drills with
 * the window at the drill's rate (the baseline), alternating in one run so machine load hits both.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild } from '../common/child-process.ts';
import { shippedDrillPath, SHIPPED_DRILL_NAMES } from '../chaos/drills/shipped-drills.ts';
import { median } from './median.ts';

const CLI = join(import.meta.dirname, '..', 'cli', 'main.ts');
/** A run that takes longer than this is stopped and counted as failed. */
const RUN_DEADLINE_MS = 6 * 60_000;

interface WindowRun {
  variant: 'shipped' | 'baseline';
  durationMs: number;
  exitCode: number | null;
  loadAverage: number;
}

export interface VerificationWindowBench {
  rounds: number;
  runs: WindowRun[];
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

async function timeChaosRun(variant: WindowRun['variant'], drillFiles: string[], reportsDir: string): Promise<WindowRun> {
  const args = [CLI, 'run', 'chaos', ...(variant === 'baseline' ? drillFiles.flatMap((file) => ['--drill-file', file]) : [])];
  const child = startChild(process.execPath, args, {
    env: { ...process.env, HARNESS_REPORTS_DIR: reportsDir },
    timeoutMs: RUN_DEADLINE_MS,
  });
  const exit = await child.exited;
  return { variant, durationMs: exit.durationMs, exitCode: exit.code, loadAverage: Number((await readFile('/proc/loadavg', 'utf8').catch(() => '0')).split(' ')[0]) };
}

export async function benchVerificationWindow(rounds: number, log: (line: string) => void): Promise<VerificationWindowBench> {
  const dir = await mkdtemp(join(tmpdir(), 'hasivu-window-bench-'));
  try {
    const drillFiles = await baselineDrillFiles(dir);
    const runs: WindowRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const variant of ['shipped', 'baseline'] as const) {
        const run = await timeChaosRun(variant, drillFiles, join(dir, 'reports'));
        log(`verification window round ${round} ${variant}: ${(run.durationMs / 1000).toFixed(1)} s, exit ${run.exitCode}, load ${run.loadAverage}`);
        runs.push(run);
      }
    }
    const passed = (variant: WindowRun['variant']): number[] => runs.filter((r) => r.variant === variant && r.exitCode === 0).map((r) => r.durationMs);
    const shippedMedianMs = Math.round(median(passed('shipped')));
    const baselineMedianMs = Math.round(median(passed('baseline')));
    return { rounds, runs, shippedMedianMs, baselineMedianMs, ratio: baselineMedianMs === 0 ? 0 : Math.round((shippedMedianMs / baselineMedianMs) * 100) / 100 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
