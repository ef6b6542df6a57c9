import type { Profile } from '../../fixtures/environments/profile-schema.ts';

export type Applicability = { applicable: true } | { applicable: false; reason: string };

/**
 * Whether faults may be injected into this environment: `protections.allowChaos`, and for
 * production also `--allow-production-chaos`. Asked by every candidate, so each skip says so.
 */
export function chaosPermission(profile: Profile, allowProductionChaos: boolean): Applicability {
  if (!profile.protections.allowChaos) {
    return {
      applicable: false,
      reason: `chaos is not allowed for ${profile.name} (protections.allowChaos is false; set HARNESS_PROTECTIONS_ALLOW_CHAOS=true if this environment may take faults)`,
    };
  }
  if (profile.protections.production && !allowProductionChaos) {
    return {
      applicable: false,
      reason: `${profile.name} is production: fault injection needs --allow-production-chaos as well as protections.allowChaos`,
    };
  }
  return { applicable: true };
}
