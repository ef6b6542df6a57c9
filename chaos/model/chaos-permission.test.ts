import { describe, expect, test } from 'vitest';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { assertChaosAllowed, chaosRefusals, chaosSkipReason } from './chaos-permission.ts';

// A URL that is not loopback: only ever passed to the guard, never requested.
const STAGING_URL = 'https://api.staging.example';

const profile = (name: string, env: Record<string, string> = {}) =>
  resolveProfile({ name, env: { HARNESS_BASE_URL: STAGING_URL, ...env } }).profile;

const withTenant = (base: Profile, accounts: string[]): Profile => ({
  ...base,
  protections: { ...base.protections, syntheticTenant: { schoolId: 'school-synthetic', accounts } },
});

describe('where drills may go: the profile decides, not the URL', () => {
  test('a non-loopback staging target is allowed when its profile allows chaos, orders included', () => {
    expect(() => assertChaosAllowed(STAGING_URL, profile('staging'), false, { writesOrders: true })).not.toThrow();
  });

  test('protections.allowChaos false refuses any URL, loopback included, with that reason', () => {
    const off = profile('dev', { HARNESS_PROTECTIONS_ALLOW_CHAOS: 'false' });
    expect(() => assertChaosAllowed(STAGING_URL, off, false)).toThrow(
      /protections\.allowChaos is false for the dev profile/,
    );
    expect(() => assertChaosAllowed('http://127.0.0.1:3000', off, false)).toThrow(
      /protections\.allowChaos is false for the dev profile/,
    );
  });

  test('production: allowChaos, --allow-production-chaos and, for orders, a synthetic tenant, each named', () => {
    let message = '';
    try {
      assertChaosAllowed(STAGING_URL, profile('production'), false, { writesOrders: true });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/allowChaos is false for this production profile/);
    expect(message).toMatch(/--allow-production-chaos flag/);
    expect(message).toMatch(/name a synthetic tenant \(protections\.syntheticTenant\)/);

    const allowed = profile('production', { HARNESS_PROTECTIONS_ALLOW_CHAOS: 'true' });
    expect(() => assertChaosAllowed(STAGING_URL, allowed, true)).not.toThrow();
    expect(() => assertChaosAllowed(STAGING_URL, allowed, true, { writesOrders: true })).toThrow(/synthetic tenant/);
    expect(() =>
      assertChaosAllowed(STAGING_URL, withTenant(allowed, ['someone@else.example']), true, {
        writesOrders: true,
      }),
    ).toThrow(
      new RegExp(
        `drill account ${allowed.auth.email.replace(/[.+]/g, '\\$&')} is not one of protections\\.syntheticTenant\\.accounts`,
      ),
    );
    expect(() =>
      assertChaosAllowed(STAGING_URL, withTenant(allowed, [allowed.auth.email]), true, {
        writesOrders: true,
      }),
    ).not.toThrow();
  });

  test("an adapter candidate's skip reason is the same rule: refused exactly when the guard refuses, with its words", () => {
    const cases = [
      profile('staging'),
      profile('dev', { HARNESS_PROTECTIONS_ALLOW_CHAOS: 'false' }),
      profile('production'),
    ];
    for (const candidate of cases) {
      for (const allowProductionChaos of [false, true]) {
        const refusals = chaosRefusals(candidate, allowProductionChaos);
        const reason = chaosSkipReason(candidate, allowProductionChaos);
        let guard: string | undefined;
        try {
          assertChaosAllowed(STAGING_URL, candidate, allowProductionChaos);
        } catch (error) {
          guard = (error as Error).message;
        }
        expect(reason === undefined).toBe(guard === undefined);
        for (const refusal of refusals) {
          expect(reason).toContain(refusal);
          expect(guard).toContain(refusal);
        }
      }
    }
    expect(chaosSkipReason(profile('production'), true)).toBe(
      'chaos is not allowed for production: protections.allowChaos is false for this production profile (set HARNESS_PROTECTIONS_ALLOW_CHAOS=true for this run)',
    );
  });
});
