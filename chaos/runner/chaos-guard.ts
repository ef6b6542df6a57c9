import { HarnessError } from '../../common/harness-error.ts';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import { isLoopback } from '../../common/is-loopback.ts';

/**
 * Faults go only where the profile allows them. A loopback target is this machine's own; any
 * other needs `protections.allowChaos`, and production also needs `--allow-production-chaos`.
 * Every missing permission is named at once, before anything is touched.
 */
export function assertChaosAllowed(baseUrl: string, profile: Profile, allowProductionChaos: boolean): void {
  const problems: string[] = [];
  if (profile.protections.production) {
    if (!profile.protections.allowChaos)
      problems.push('protections.allowChaos is false for this production profile (set HARNESS_PROTECTIONS_ALLOW_CHAOS=true for this run)');
    if (!allowProductionChaos) problems.push('a production profile also needs the --allow-production-chaos flag');
  } else if (!isLoopback(baseUrl) && !profile.protections.allowChaos) {
    problems.push(`${baseUrl} is not loopback and protections.allowChaos is false for the ${profile.name} profile`);
  }
  if (problems.length > 0) {
    throw new HarnessError('CHAOS_NOT_ALLOWED', `refusing to drill ${baseUrl} (${profile.name}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
