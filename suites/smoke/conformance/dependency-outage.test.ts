import { describe, expect, test } from 'vitest';
import { targetEnv } from '../../../runner/target.ts';
import { resolveProfile } from '../../../fixtures/environments/resolve-profile.ts';
import { serviceControlFromEnv } from './dependency-outage.ts';

const TOKEN = 'service-control-token-for-a-test';

describe('who may make a dependency fail', () => {
  test('a run that owns the services hands its workers a loopback service control', () => {
    for (const url of ['http://127.0.0.1:4100', 'http://localhost:4100', 'http://[::1]:4100']) {
      const env = { HARNESS_SERVICE_CONTROL_URL: url, HARNESS_SERVICE_CONTROL_TOKEN: TOKEN };
      expect(serviceControlFromEnv(env), url).toBeDefined();
    }
  });

  test('without both variables, or with a control endpoint off loopback, there is none', () => {
    expect(serviceControlFromEnv({})).toBeUndefined();
    expect(serviceControlFromEnv({ HARNESS_SERVICE_CONTROL_URL: 'http://127.0.0.1:4100' })).toBeUndefined();
    expect(
      serviceControlFromEnv({
        HARNESS_SERVICE_CONTROL_URL: 'http://10.0.0.5:4100',
        HARNESS_SERVICE_CONTROL_TOKEN: TOKEN,
      }),
    ).toBeUndefined();
  });

  test('a target the run did not start clears any inherited service control for its workers', () => {
    const environment = resolveProfile({
      env: { HARNESS_BASE_URL: 'http://127.0.0.1:4200', HARNESS_USER_PASSWORD: 'a-password-x' },
    });
    const remote = targetEnv(
      {
        baseUrl: 'http://127.0.0.1:4200',
        credentials: { email: 'parent@example.test', password: 'a-password-x' },
        webhookSecret: undefined,
        adminToken: undefined,
        local: false,
      },
      environment,
    );
    expect(remote).toMatchObject({
      HARNESS_SERVICE_CONTROL_URL: '',
      HARNESS_SERVICE_CONTROL_TOKEN: '',
    });
    expect(serviceControlFromEnv({ ...process.env, ...remote })).toBeUndefined();
  });
});
