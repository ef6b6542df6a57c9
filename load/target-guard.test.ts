import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../fixtures/environments/resolve-profile.ts';
import { isLoopback } from '../common/is-loopback.ts';
import { assertLoadAllowed } from './target-guard.ts';

const profile = (name: string, env: NodeJS.ProcessEnv = {}) =>
  resolveProfile({ name, env: { HARNESS_BASE_URL: 'https://api.example.test', ...env } }).profile;

describe('where load may go', () => {
  test.each([
    ['http://127.0.0.1:3000', true],
    ['http://127.9.0.1', true],
    ['http://localhost:8080/api', true],
    ['http://[::1]:3000', true],
    ['http://10.0.0.5', false],
    ['https://staging.hasivu.example', false],
    ['http://127.0.0.1.evil.example', false],
    ['not a url', false],
  ])('%s is loopback: %s', (url, expected) => {
    expect(isLoopback(url)).toBe(expected);
  });

  test('loopback is always this machine’s own', () => {
    expect(() => assertLoadAllowed('http://127.0.0.1:3000', profile('local'), false)).not.toThrow();
  });

  test('a remote target needs protections.allowLoad', () => {
    expect(() => assertLoadAllowed('https://dev.example', profile('dev'), false)).not.toThrow();
    expect(() =>
      assertLoadAllowed('https://dev.example', profile('dev', { HARNESS_PROTECTIONS_ALLOW_LOAD: 'false' }), false),
    ).toThrow(/not loopback and protections.allowLoad is false for the dev profile/);
  });

  test('production needs allowLoad and the flag, and says both at once', () => {
    const refusal = (() => {
      try {
        assertLoadAllowed('https://api.hasivu.example', profile('production'), false);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(refusal).toContain('HARNESS_PROTECTIONS_ALLOW_LOAD=true');
    expect(refusal).toContain('--allow-production-load');
    expect(() => assertLoadAllowed('https://api.hasivu.example', profile('production'), true)).toThrow(/allowLoad/);
    // A profile that allows load must also let its load rates through the request cap.
    const opened = profile('production', {
      HARNESS_PROTECTIONS_ALLOW_LOAD: 'true',
      HARNESS_PROTECTIONS_MAX_REQUEST_RATE: '150',
    });
    expect(() => assertLoadAllowed('https://api.hasivu.example', opened, false)).toThrow(/--allow-production-load/);
    expect(() => assertLoadAllowed('https://api.hasivu.example', opened, true)).not.toThrow();
  });
});
