/**
 * MTTR of canary-error-rollback on the local reference platform: the drill five times in a row
 * against one platform, each run's recovery figures read from its journal. The baseline,
 * measured in the same runs, is the recovery probe's own floor: how long five good orders in a
 * row take on a healthy platform (the steady-state probe before the fault), since recovery is
 * confirmed by exactly that probe.
 */
import { readFile } from 'node:fs/promises';
import { startLocalTarget } from '../runner/local-target.ts';
import type { Journal } from '../chaos/engine/journal.ts';
import { median } from './median.ts';
import { loadShippedDrill } from '../chaos/drills/shipped-drills.ts';
import { chaosRunner } from '../chaos/runner/chaos-runner.ts';
import { journalPathFor } from '../chaos/runner/run-one-drill.ts';
import type { RecoveryFigures } from '../chaos/recovery/recovery-figures.ts';
import type { ResolvedEnvironment } from '../fixtures/environments/resolve-profile.ts';

export interface DrillMttrBench {
  runs: number;
  samples: { mttrMs?: number; detectionMs?: number; rollbackMs?: number; healthyStreakMs: number; status: string }[];
  medians: { mttrMs: number; detectionMs: number; rollbackMs: number; healthyStreakMs: number };
  /** MTTR ÷ the healthy streak (the probe's floor). */
  ratioMttrToProbeFloor: number;
}

const duration = (start: string, end: string | undefined): number => Date.parse(end ?? start) - Date.parse(start);

export async function benchDrillMttr(
  environment: ResolvedEnvironment,
  log: (line: string) => void,
  runs = 5,
): Promise<DrillMttrBench> {
  const drill = await loadShippedDrill('canary-error-rollback');
  await using local = await startLocalTarget(log);
  const samples: DrillMttrBench['samples'] = [];
  for (let i = 0; i < runs; i++) {
    await chaosRunner.run({
      environment,
      target: local.target,
      args: ['--drill', drill.name],
      log: () => undefined,
      signal: new AbortController().signal,
    });
    const journal = JSON.parse(await readFile(journalPathFor(environment.reportsDir, drill), 'utf8')) as Journal;
    const recovery = journal.extra.recovery as RecoveryFigures;
    const streak = journal.steadyStates.before?.probes.find((p) => p.run === 'traffic');
    const sample = {
      status: journal.status,
      healthyStreakMs: streak ? duration(streak.start, streak.end) : 0,
      ...(recovery.mttrMs !== undefined ? { mttrMs: recovery.mttrMs } : {}),
      ...(recovery.detectionMs !== undefined ? { detectionMs: recovery.detectionMs } : {}),
      ...(recovery.rollbackMs !== undefined ? { rollbackMs: recovery.rollbackMs } : {}),
    };
    log(`run ${i + 1}: ${JSON.stringify(sample)}`);
    samples.push(sample);
  }
  const of = (key: 'mttrMs' | 'detectionMs' | 'rollbackMs' | 'healthyStreakMs'): number =>
    median(samples.flatMap((s) => (s[key] === undefined ? [] : [s[key]])));
  const medians = {
    mttrMs: of('mttrMs'),
    detectionMs: of('detectionMs'),
    rollbackMs: of('rollbackMs'),
    healthyStreakMs: of('healthyStreakMs'),
  };
  return {
    runs,
    samples,
    medians,
    ratioMttrToProbeFloor:
      medians.healthyStreakMs > 0 ? Math.round((medians.mttrMs / medians.healthyStreakMs) * 100) / 100 : 0,
  };
}
