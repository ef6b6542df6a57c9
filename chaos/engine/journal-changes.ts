import type { Journal, TargetChange } from './journal.ts';

export type RecordChange = (change: TargetChange) => Promise<void>;

/** Records an experiment id once, whoever reports it first (the adapter or the drill step). */
export function journalExperiment(journal: Journal, id: string): void {
  if (!journal.experiments.some((e) => e.id === id))
    journal.experiments.push({ id, startedAt: new Date().toISOString() });
}

export function journalDeployment(journal: Journal, id: string): void {
  if (!journal.deployments.some((d) => d.id === id))
    journal.deployments.push({ id, startedAt: new Date().toISOString() });
}

/** Applies one change to the journal in memory; the caller flushes it to disk. */
export function applyChange(journal: Journal, change: TargetChange): void {
  if (change.kind === 'experiment') return journalExperiment(journal, change.id);
  if (change.kind === 'deployment') return journalDeployment(journal, change.id);
  journal.changes ??= [];
  if (change.kind === 'function-configuration') {
    // The second record of the same marker is its restore.
    const open = journal.changes.find(
      (c) => c.kind === 'function-configuration' && c.marker === change.marker && !c.undoneAt,
    );
    if (open) {
      open.undoneAt = new Date().toISOString();
      return;
    }
  }
  journal.changes.push({ ...change, at: new Date().toISOString() });
}

/**
 * Where the adapters report their changes. Adapters are opened once per run; each drill
 * attaches its journal for its duration, so every change lands in the journal of the drill
 * that caused it, written to disk before the adapter call that made it returns.
 */
export class ChangeLog {
  #sink: RecordChange | undefined;

  attach(sink: RecordChange | undefined): void {
    this.#sink = sink;
  }

  async record(change: TargetChange): Promise<void> {
    await this.#sink?.(change);
  }
}
