import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { assertChaosAllowed } from './chaos-guard.ts';

const profile = (name: string, env: Record<string, string> = {}) =>
  resolveProfile({ name, env: { HARNESS_BASE_URL: 'https://api.example.test', ...env } }).profile;

describe('where drills may go', () => {
  test('loopback always; elsewhere only with protections.allowChaos', () => {
    expect(() => assertChaosAllowed('http://127.0.0.1:3000', profile('dev', { HARNESS_PROTECTIONS_ALLOW_CHAOS: 'false' }), false)).not.toThrow();
    expect(() => assertChaosAllowed('https://api.example.test', profile('dev', { HARNESS_PROTECTIONS_ALLOW_CHAOS: 'false' }), false)).toThrow(
      /not loopback and protections\.allowChaos is false for the dev profile/,
    );
    expect(() => assertChaosAllowed('https://api.example.test', profile('staging'), false)).not.toThrow();
  });

  test('production needs allowChaos and --allow-production-chaos, both named when missing', () => {
    expect(() => assertChaosAllowed('https://api.example.test', profile('production'), false)).toThrow(
      /allowChaos is false for this production profile[\s\S]*--allow-production-chaos/,
    );
    expect(() => assertChaosAllowed('https://api.example.test', profile('production', { HARNESS_PROTECTIONS_ALLOW_CHAOS: 'true' }), true)).not.toThrow();
  });
});
