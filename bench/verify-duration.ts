/**
 * What the main job costs: `verify` on the embedded local platform (every stage, the fuzz step
 * included) against `verify --no-fuzz` (the baseline), alternating in one run so machine load
 * hits both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternateCliRuns, type TimedCliRun } from './time-cli-run.ts';

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
    const { runs, medians, ratio } = await alternateCliRuns(
      'verify',
      rounds,
      [
        ['verify', ['verify']],
        ['no-fuzz', ['verify', '--no-fuzz']],
      ],
      join(dir, 'reports'),
      log,
    );
    const [verifyMedianMs = 0, noFuzzMedianMs = 0] = medians;
    return { rounds, runs, verifyMedianMs, noFuzzMedianMs, ratio };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
