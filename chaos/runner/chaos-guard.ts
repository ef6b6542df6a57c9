import { HarnessError } from '../../common/harness-error.ts';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';

/**
 * Faults and drill traffic go only where the profile allows them, whatever the URL: the
 * profile's `protections.allowChaos`; on production also `--allow-production-chaos`, and, for
 * drills that place orders, a synthetic tenant whose accounts include the one placing them
 * (production is read-only otherwise). Every missing permission is named at once, before
 * anything is touched.
 */
export function assertChaosAllowed(
  baseUrl: string,
  profile: Profile,
  allowProductionChaos: boolean,
  options: { writesOrders?: boolean } = {},
): void {
  const problems: string[] = [];
  const { protections } = profile;
  if (!protections.allowChaos) {
    problems.push(
      protections.production
        ? 'protections.allowChaos is false for this production profile (set HARNESS_PROTECTIONS_ALLOW_CHAOS=true for this run)'
        : `protections.allowChaos is false for the ${profile.name} profile (set HARNESS_PROTECTIONS_ALLOW_CHAOS=true if it may take faults)`,
    );
  }
  if (protections.production) {
    if (!allowProductionChaos) problems.push('a production profile also needs the --allow-production-chaos flag');
    if (options.writesOrders) {
      const tenant = protections.syntheticTenant;
      if (!tenant) {
        problems.push('production is read-only and these drills place orders: name a synthetic tenant (protections.syntheticTenant)');
      } else if (!tenant.accounts.includes(profile.auth.email)) {
        problems.push(`the drill account ${profile.auth.email} is not one of protections.syntheticTenant.accounts`);
      }
    }
  }
  if (problems.length > 0) {
    throw new HarnessError('CHAOS_NOT_ALLOWED', `refusing to drill ${baseUrl} (${profile.name}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
