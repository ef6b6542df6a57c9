import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import type { FaultInjector } from '../ports/fault-injector.ts';
import { isFinalExperimentStatus } from '../../common/aws-shapes/fis.ts';
import { awaitExperimentEnd } from '../adapters/aws/fault-injector/await-experiment.ts';
import type { Journal } from '../engine/journal.ts';

/** FIS takes seconds to go from `stopping` to `stopped`; past this the stop counts as failed. */
const STOP_TIMEOUT_MS = 60_000;

export interface CleanupReport {
  /** Journals read, by path. */
  journals: string[];
  /** Experiment ids that were still running and were asked to stop. */
  stopped: string[];
  /** Ids a journal did not know had ended, which had ended anyway. */
  alreadyEnded: string[];
  /** Ids that could not be stopped, with the reason. */
  failed: string[];
  /** Files that are not journals (or not readable): named, never fatal. */
  unreadable: string[];
}

/** The journals of previous drills: `<reports>/chaos/*-journal.json`. */
export async function journalPaths(reportsDir: string): Promise<string[]> {
  const dir = join(reportsDir, 'chaos');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('-journal.json'))
    .sort()
    .map((n) => join(dir, n));
}

function isJournal(value: unknown): value is Journal {
  return value !== null && typeof value === 'object' && Array.isArray((value as Journal).experiments);
}

/**
 * `--cleanup`: a drill that crashed (killed, power cut) before its rollbacks ran may have left
 * a fault running. Journals record each experiment id the moment it starts, so every id whose
 * final state the journal does not hold is looked up and, if still running, stopped. The
 * journal then records the final state and when the cleanup saw it.
 */
export async function stopStaleExperiments(
  reportsDir: string,
  injector: FaultInjector,
  log: (line: string) => void,
  signal: AbortSignal,
  /** How often a stopped experiment is read until it settles; FIS updates every few seconds. */
  pollIntervalMs = 1_000,
): Promise<CleanupReport> {
  const report: CleanupReport = {
    journals: [],
    stopped: [],
    alreadyEnded: [],
    failed: [],
    unreadable: [],
  };
  for (const path of await journalPaths(reportsDir)) {
    let journal: unknown;
    try {
      journal = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      report.unreadable.push(path);
      continue;
    }
    if (!isJournal(journal)) {
      report.unreadable.push(path);
      continue;
    }
    report.journals.push(path);
    let changed = false;
    for (const experiment of journal.experiments) {
      if (experiment.finalState && isFinalExperimentStatus(experiment.finalState)) continue;
      try {
        const current = await injector.get(experiment.id, signal);
        if (isFinalExperimentStatus(current.state.status)) {
          report.alreadyEnded.push(experiment.id);
          experiment.finalState = current.state.status;
        } else {
          // `stopping` is not `running`: already asked to stop, it is only waited for.
          if (current.state.status !== 'stopping') await injector.stop(experiment.id, signal);
          report.stopped.push(experiment.id);
          // `stopping` is not the end: wait (bounded) for the state FIS settles on.
          const final = await awaitExperimentEnd(injector, experiment.id, {
            timeoutMs: STOP_TIMEOUT_MS,
            intervalMs: pollIntervalMs,
            signal,
          });
          experiment.finalState = final.state.status;
          log(
            `chaos: cleanup: stopped experiment ${experiment.id} left running by ${journal.drill} (${journal.start})`,
          );
        }
        changed = true;
      } catch (error) {
        report.failed.push(`${experiment.id} (${journal.drill}): ${(error as Error).message}`);
      }
    }
    if (changed) {
      journal.extra = { ...journal.extra, cleanedUpAt: new Date().toISOString() };
      await writeFileAtomic(path, `${JSON.stringify(journal, null, 2)}\n`);
    }
  }
  return report;
}
