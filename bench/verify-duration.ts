/**
 * What the main job costs: `verify` on the embedded local platform (every stage, the fuzz step
 * included) against `verify --no-fuzz` (the baseline), alternating in one run so machine load
 * hits both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './median.ts';
import { passedMedianMs, timeCliRun, type TimedCliRun } from './time-cli-run.ts';

export interface VerifyDurationBench {
  rounds: number;
  runs: TimedCliRun[];
  verifyMedianMs: number;
  noFuzzMedianMs: number;
  /** verify ÷ verify --no-fuzz: what the fuzz step adds. */
  ratio: number;
}

export async function benchVerifyDuration(rounds: number, log: (line: string) => void): Promise<VerifyDurationBench> {
  const dir = await mkdtemp(join(tmpdir(), 'hasivu-verify-bench-'));
  try {
    const runs: TimedCliRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const [variant, extra] of [['verify', []], ['no-fuzz', ['--no-fuzz']]] as const) {
        const run = await timeCliRun(variant, ['verify', ...extra], join(dir, 'reports'));
        log(`verify round ${round} ${variant}: ${(run.durationMs / 1000).toFixed(1)} s, exit ${run.exitCode}, load ${run.loadAverage}`);
        runs.push(run);
      }
    }
    const verifyMedianMs = passedMedianMs(runs, 'verify', median);
    const noFuzzMedianMs = passedMedianMs(runs, 'no-fuzz', median);
    return { rounds, runs, verifyMedianMs, noFuzzMedianMs, ratio: noFuzzMedianMs === 0 ? 0 : Math.round((verifyMedianMs / noFuzzMedianMs) * 100) / 100 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
