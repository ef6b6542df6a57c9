import { HarnessError } from '../common/harness-error.ts';
import { isLoopback } from '../common/is-loopback.ts';
import type { Profile } from '../fixtures/environments/profile-schema.ts';

/**
 * Load is only sent where the profile allows it. Loopback targets are always this
 * machine's own; anything else needs `protections.allowLoad`, and a production
 * profile needs the explicit flag as well. Every missing permission is named at once.
 */
export function assertLoadAllowed(baseUrl: string, profile: Profile, allowProductionLoad: boolean): void {
  const problems: string[] = [];
  const loopback = isLoopback(baseUrl);
  if (profile.protections.production) {
    if (!profile.protections.allowLoad) {
      problems.push(
        'protections.allowLoad is false for this production profile (set HARNESS_PROTECTIONS_ALLOW_LOAD=true for this run)',
      );
    }
    if (!allowProductionLoad) problems.push('a production profile also needs the --allow-production-load flag');
  } else if (!loopback && !profile.protections.allowLoad) {
    problems.push(`${baseUrl} is not loopback and protections.allowLoad is false for the ${profile.name} profile`);
  }
  if (problems.length > 0) {
    throw new HarnessError(
      'LOAD_NOT_ALLOWED',
      `refusing to send load to ${baseUrl} (${profile.name}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}
