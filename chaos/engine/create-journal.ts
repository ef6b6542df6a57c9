import type { Drill } from '../model/drill-schema.ts';
import type { Journal } from './journal.ts';

/** An empty journal for a drill about to start. */
export function createJournal(drill: Drill, target: string, options: { dryRun?: boolean; adapters?: Record<string, string> } = {}): Journal {
  return {
    drill: drill.name,
    title: drill.title,
    dryRun: options.dryRun ?? false,
    target,
    adapters: options.adapters ?? {},
    start: new Date().toISOString(),
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
