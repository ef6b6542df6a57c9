import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import type { Target } from '../../runner/target.ts';
import type { DrillAdapters } from './drill-adapters.ts';

/**
 * One way of reaching a target's release machinery. Like the service providers, candidates are
 * tried in order; each one that does not apply says why, so a user knows what to set.
 */
export interface AdapterCandidate {
  name: string;
  /** The adapters, or the reason this candidate does not apply here. Must not change the target. */
  open(
    target: Target,
    environment: ResolvedEnvironment,
    signal: AbortSignal,
  ): Promise<DrillAdapters | { skip: string }>;
}
