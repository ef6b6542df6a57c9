import { HarnessError } from '../../common/harness-error.ts';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';

export interface ChaosRequestOptions {
  /** The drills place orders through the target: production then needs a synthetic tenant. */
  writesOrders?: boolean;
}

/**
 * The one rule for where faults and drill traffic may go, whatever the URL: the profile's
 * `protections.allowChaos`; on production also `--allow-production-chaos`, and, for drills
 * that place orders, a synthetic tenant whose accounts include the one placing them
 * (production is read-only otherwise). Returns every missing permission, none when allowed.
 */
export function chaosRefusals(
  profile: Profile,
  allowProductionChaos: boolean,
  options: ChaosRequestOptions = {},
): string[] {
  const refusals: string[] = [];
  const { protections } = profile;
  if (!protections.allowChaos) {
    refusals.push(
      protections.production
        ? 'protections.allowChaos is false for this production profile (set HARNESS_PROTECTIONS_ALLOW_CHAOS=true for this run)'
        : `protections.allowChaos is false for the ${profile.name} profile (set HARNESS_PROTECTIONS_ALLOW_CHAOS=true if it may take faults)`,
    );
  }
  if (!protections.production) return refusals;
  if (!allowProductionChaos) refusals.push('a production profile also needs the --allow-production-chaos flag');
  if (options.writesOrders) {
    const tenant = protections.syntheticTenant;
    if (!tenant) {
      refusals.push(
        'production is read-only and these drills place orders: name a synthetic tenant (protections.syntheticTenant)',
      );
    } else if (!tenant.accounts.includes(profile.auth.email)) {
      refusals.push(`the drill account ${profile.auth.email} is not one of protections.syntheticTenant.accounts`);
    }
  }
  return refusals;
}

/** The rule as an adapter candidate's skip reason (every refusal on one line), undefined when allowed. */
export function chaosSkipReason(profile: Profile, allowProductionChaos: boolean): string | undefined {
  const refusals = chaosRefusals(profile, allowProductionChaos);
  return refusals.length > 0 ? `chaos is not allowed for ${profile.name}: ${refusals.join('; ')}` : undefined;
}

/** The rule before a run touches anything: every missing permission is named at once, exit 2. */
export function assertChaosAllowed(
  baseUrl: string,
  profile: Profile,
  allowProductionChaos: boolean,
  options: ChaosRequestOptions = {},
): void {
  const refusals = chaosRefusals(profile, allowProductionChaos, options);
  if (refusals.length > 0) {
    throw new HarnessError(
      'CHAOS_NOT_ALLOWED',
      `refusing to drill ${baseUrl} (${profile.name}):\n${refusals.map((refusal) => `  - ${refusal}`).join('\n')}`,
    );
  }
}
