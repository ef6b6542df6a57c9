import { chaosPermission } from './chaos-permission.ts';
import type {
  Applicability,
  DrillAdapterCandidate,
  DrillAdapterContext,
  DrillAdapters,
} from './drill-adapters.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** The reference platform's control API answers on loopback only: anything else is not it. */
export function localApplicability(context: DrillAdapterContext): Applicability {
  const { environment } = context;
  if (!environment.startsLocalPlatform) {
    const url = environment.profile.target.baseUrl;
    const host = url ? new URL(url).hostname : '';
    if (!LOOPBACK.test(host)) {
      return {
        applicable: false,
        reason: `the target ${url ?? '(none)'} is not the reference platform on loopback, and its control API is local only`,
      };
    }
  }
  return chaosPermission(environment.profile, context.allowProductionChaos);
}

/** The local candidate: the drill engine supplies how to build its control-API adapters. */
export function localCandidate(
  prepare: (context: DrillAdapterContext) => Promise<DrillAdapters>,
): DrillAdapterCandidate {
  return { name: 'local', applicability: localApplicability, prepare };
}
