import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { forbidNetwork } from '../adapters/aws/test-support/no-network.ts';
import { cleanupInjector } from './cleanup-injector.ts';

forbidNetwork();

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});
const emptyHome = (): string => {
  const home = mkdtempSync(join(tmpdir(), 'hasivu-cleanup-home-'));
  homes.push(home);
  return home;
};

describe('--cleanup injector', () => {
  it('without credentials or a local control API: one error naming both, exit 2', () => {
    const environment = resolveProfile({ name: 'staging', env: {}, requireBaseUrl: false });
    expect(() => cleanupInjector(environment, {}, () => {}, emptyHome())).toThrow(
      /--cleanup cannot reach any fault injector:\n {2}- fis: no AWS credentials[^\n]*\n {2}- local: no loopback HARNESS_BASE_URL/,
    );
  });

  it('uses FIS when the profile has an aws block and credentials are at hand, building no connection', async () => {
    const environment = resolveProfile({ name: 'staging', env: {}, requireBaseUrl: false });
    const lines: string[] = [];
    const env = { AWS_ACCESS_KEY_ID: 'AKIDHARNESSTEST', AWS_SECRET_ACCESS_KEY: 'not-a-secret' };
    await using source = cleanupInjector(environment, env, (l) => lines.push(l), emptyHome());
    expect(source.injector.name).toBe('fis');
    expect(lines).toEqual([
      'chaos: cleanup through FIS in ap-south-1 (credentials from environment (AWS_ACCESS_KEY_ID))',
    ]);
  });

  it('uses the local control API on a loopback base URL with the admin token', async () => {
    const environment = resolveProfile({
      name: 'local',
      env: { HARNESS_BASE_URL: 'http://127.0.0.1:9', HARNESS_ADMIN_TOKEN: 'admin-token-for-test' },
    });
    await using source = cleanupInjector(environment, {}, () => {}, emptyHome());
    expect(source.injector.name).toBe('local');
  });
});
