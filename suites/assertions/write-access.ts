import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';

/**
 * Why a check that changes data may not run here, or undefined when it may. Production
 * is read-only unless the profile names a synthetic tenant, and the smoke account is
 * one of its accounts in its school: then writes land where nobody real can see them.
 */
export function writeRefusal(environment: ResolvedEnvironment, schoolId?: string): string | undefined {
  const { protections, auth, name } = environment.profile;
  if (!protections.production) return undefined;
  const tenant = protections.syntheticTenant;
  if (!tenant) {
    return `${name} is production and read-only: this check changes data; name a synthetic tenant (protections.syntheticTenant) to run it`;
  }
  if (!tenant.accounts.includes(auth.email)) {
    return `${name} is production: the smoke account ${auth.email} is not one of protections.syntheticTenant.accounts`;
  }
  if (schoolId !== undefined && schoolId !== tenant.schoolId) {
    return `${name} is production: the smoke account's school ${schoolId} is not the synthetic tenant's school ${tenant.schoolId}`;
  }
  return undefined;
}

/** The signed webhook marks an order paid with money that never moved: never in production, tenant or not. */
export function webhookRefusal(environment: ResolvedEnvironment): string | undefined {
  if (environment.profile.protections.production) {
    return `${environment.profile.name} is production: a signed payment webhook never runs there, synthetic tenant or not`;
  }
  if (!environment.secrets.webhookSecret) return 'HARNESS_WEBHOOK_SECRET is not set, so no webhook can be signed';
  return undefined;
}
