import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadPlatformConfig, platformEnvSchema } from './config.ts';

describe('platform config', () => {
  test('has the documented local defaults', () => {
    const config = loadPlatformConfig({});
    expect(config).toMatchObject({
      demoParent: { email: 'parent@demo.hasivu.test', password: 'demo-parent-password' },
      webhookSecret: 'local-webhook-secret',
      storageDir: undefined,
      releaseId: 'local-1',
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  test('makes fresh secrets for each process start when none are set', () => {
    const [a, b] = [loadPlatformConfig({}), loadPlatformConfig({})];
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(a.adminToken).not.toBe(b.adminToken);
  });

  test('treats an empty variable as unset', () => {
    expect(loadPlatformConfig({ HASIVU_RELEASE_ID: '', HASIVU_WEBHOOK_SECRET: '' })).toMatchObject({
      releaseId: 'local-1',
      webhookSecret: 'local-webhook-secret',
    });
  });

  test('does not echo a rejected secret in its error', () => {
    expect(() => loadPlatformConfig({ HASIVU_JWT_SECRET: 'short-secret-value' })).toThrow(/HASIVU_JWT_SECRET/);
    expect(() => loadPlatformConfig({ HASIVU_JWT_SECRET: 'short-secret-value' })).not.toThrow(/short-secret-value/);
  });

  test('reads the test-only misbehaviours as a list and refuses an unknown one by name', () => {
    expect(loadPlatformConfig({}).misbehaviour).toEqual([]);
    expect(loadPlatformConfig({ HASIVU_TEST_MISBEHAVIOUR: 'rollback-leak, commit-then-fail' }).misbehaviour).toEqual([
      'rollback-leak',
      'commit-then-fail',
    ]);
    expect(() => loadPlatformConfig({ HASIVU_TEST_MISBEHAVIOUR: 'leak' })).toThrow(/HASIVU_TEST_MISBEHAVIOUR/);
  });

  test('docs/platform.md lists every variable', () => {
    const docs = readFileSync(new URL('../docs/platform.md', import.meta.url), 'utf8');
    for (const name of Object.keys(platformEnvSchema.shape)) expect(docs, name).toContain(`\`${name}\``);
  });
});
