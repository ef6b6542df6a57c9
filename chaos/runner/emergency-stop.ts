import type { DrillAdapters } from '../adapters/drill-adapters.ts';
import type { JournalFile } from '../engine/journal-file.ts';
import type { Drill } from '../model/drill-schema.ts';

/** Each request gets this long; the whole window is bounded by the caller. */
const REQUEST_MS = 800;

/**
 * What a second Ctrl-C still does before the process ends: asks, all at once and without
 * waiting for answers one by one, for every experiment to stop, every deployment to stop with
 * a rollback, and the alias to go back; then notes in the journal that it was cut short.
 */
export function emergencyStop(drill: Drill, adapters: DrillAdapters, file: JournalFile): () => Promise<unknown> {
  return () => {
    const journal = file.journal;
    const signal = AbortSignal.timeout(REQUEST_MS);
    const requests: Promise<unknown>[] = [
      ...journal.experiments.map((e) => adapters.injector.stop(e.id, signal)),
      ...journal.deployments.map((d) => adapters.controller.stopDeployment(d.id, true, signal)),
    ];
    if (
      journal.versions.previous &&
      (journal.deployments.length > 0 || drill.method.some((s) => s.run === 'start-deployment'))
    ) {
      const previous = journal.versions.previous;
      // After the deployment's stop, so the controller does not shift the alias again behind it.
      requests.push(
        Promise.allSettled(requests).then(() =>
          adapters.controller.restoreAlias(drill.function, drill.alias, previous, signal),
        ),
      );
    }
    journal.status = 'interrupted';
    journal.reason =
      'a second signal ended the drill at once; stop requests were sent for its experiments, deployments and alias, rollbacks did not run';
    journal.end = new Date().toISOString();
    return Promise.allSettled([...requests, file.flush()]);
  };
}
