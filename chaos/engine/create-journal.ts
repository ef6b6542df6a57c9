import type { Drill } from '../model/drill-schema.ts';
import type { Journal } from './journal.ts';

/**
 * An empty journal for a drill about to start. Scenario drills and DR drills both start
 * from it, so every journal has the same fields whichever runner wrote it.
 */
export function createJournal(
  drill: Pick<Drill, 'name' | 'title'>,
  target: string,
  options: { dryRun?: boolean; adapters?: Record<string, string>; start?: Date } = {},
): Journal {
  return {
    drill: drill.name,
    title: drill.title,
    dryRun: options.dryRun ?? false,
    target,
    adapters: options.adapters ?? {},
    start: (options.start ?? new Date()).toISOString(),
    status: 'running',
    deviated: false,
    steadyStates: {},
    run: [],
    rollbacks: [],
    experiments: [],
    deployments: [],
    versions: {},
    marks: {},
    extra: {},
  };
}
