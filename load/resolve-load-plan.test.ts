import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../fixtures/environments/resolve-profile.ts';
import type { Profile } from '../fixtures/environments/profile-schema.ts';
import { parseLoadArgs } from './load-args.ts';
import { resolveLoad } from './resolve-load-plan.ts';

const profile = (name: string, env: NodeJS.ProcessEnv = {}): Profile =>
  resolveProfile({ name, env: { HARNESS_BASE_URL: 'https://api.example.test', ...env } }).profile;

describe('the load plan from a profile', () => {
  test('ci on local: the sla scenario at the profile’s rate, with the profile’s SLA', () => {
    const load = resolveLoad(profile('local'), parseLoadArgs([]));
    expect(load.plan).toMatchObject({
      scenario: 'sla',
      profile: 'ci',
      ratePerSecond: 10,
      durationSeconds: 30,
      maxVUs: 50,
      sla: { businessP95Ms: 2000, healthLatencyMs: 100, errorRateMax: 0.01, checksRateMin: 0.99 },
    });
    expect(load.requestedIterations).toBe(300);
    expect(load.maxRequests).toBe(900);
    expect(load.notes).toEqual([]);
  });

  test('each load profile has its natural scenario; --scenario overrides it', () => {
    expect(resolveLoad(profile('staging'), parseLoadArgs(['--profile', 'nightly'])).plan.scenario).toBe('soak');
    expect(resolveLoad(profile('staging'), parseLoadArgs(['--profile', 'spike'])).plan.scenario).toBe('spike');
    expect(
      resolveLoad(profile('staging'), parseLoadArgs(['--profile', 'nightly', '--scenario', 'sla'])).plan.scenario,
    ).toBe('sla');
  });

  test('the rate is capped by protections.maxRequestRate, counted in requests', () => {
    const load = resolveLoad(profile('production'), parseLoadArgs([]));
    // 5 requests/s ÷ 1.51 requests per iteration.
    expect(load.plan.ratePerSecond).toBe(3.31);
    expect(load.requestRate).toBeLessThanOrEqual(5);
    expect(load.notes[0]).toMatch(/capped to 3.31 iterations\/s by protections.maxRequestRate=5/);
  });

  test('--rate cannot get around the cap', () => {
    // The cap stays at or above the profile's own rates (spike: 150/s), which must fit under it.
    const load = resolveLoad(
      profile('local', { HARNESS_PROTECTIONS_MAX_REQUEST_RATE: '160' }),
      parseLoadArgs(['--rate', '500']),
    );
    expect(load.requestRate).toBeLessThanOrEqual(160);
  });

  test('a profile rate above the cap is clamped when that plan runs, not refused for the others', () => {
    // local's nightly (50/s) and spike (150/s) are above a cap of 30; ci (10/s) is not.
    const capped = profile('local', { HARNESS_PROTECTIONS_MAX_REQUEST_RATE: '30' });
    expect(resolveLoad(capped, parseLoadArgs([])).notes).toEqual([]);
    const spike = resolveLoad(capped, parseLoadArgs(['--profile', 'spike']));
    expect(spike.requestRate).toBeLessThanOrEqual(30);
    expect(spike.notes[0]).toMatch(/rate 150 iterations\/s .* capped to .* by protections\.maxRequestRate=30/);
  });

  test('--duration shortens the run, for tests', () => {
    expect(resolveLoad(profile('local'), parseLoadArgs(['--duration', '5'])).requestedIterations).toBe(50);
  });

  test('VUs are ready for iterations as slow as the SLA allows, within maxVUs', () => {
    const load = resolveLoad(profile('local'), parseLoadArgs([]));
    expect(load.plan.preAllocatedVUs).toBe(31);
    expect(
      resolveLoad(profile('staging'), parseLoadArgs(['--profile', 'spike'])).plan.preAllocatedVUs,
    ).toBeLessThanOrEqual(600);
  });
});
