import { describe, expect, test } from 'vitest';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { parseLoadArgs } from '../load-args.ts';
import { resolveLoad } from '../resolve-load-plan.ts';
import { cloudInvocation } from './cloud-invocation.ts';

const { plan } = resolveLoad(
  resolveProfile({ name: 'staging', env: { HARNESS_BASE_URL: 'https://staging.example' } }).profile,
  parseLoadArgs(['--profile', 'nightly']),
);

describe('--cloud', () => {
  test('hands the same bundle and plan to `k6 cloud run`, the token in the environment', () => {
    const run = cloudInvocation('/b/soak.js', plan, 'https://staging.example', 'parent@demo.hasivu.test', {
      K6_CLOUD_TOKEN: 'cloud-token-secret',
      HARNESS_USER_PASSWORD: 'the-password',
    });
    expect(run.args.slice(0, 2)).toEqual(['cloud', 'run']);
    expect(run.args.at(-1)).toBe('/b/soak.js');
    expect(run.args).toContain(`HASIVU_LOAD_PLAN=${JSON.stringify(plan)}`);
    expect(run.env).toEqual({ K6_CLOUD_TOKEN: 'cloud-token-secret' });
    // Secrets never reach argv, where `ps` shows them.
    expect(run.args.join(' ')).not.toMatch(/cloud-token-secret|the-password/);
  });

  test('refuses what cannot work, naming every reason', () => {
    expect(() => cloudInvocation('/b/sla.js', plan, 'http://127.0.0.1:3000', 'e@x.test', {})).toThrow(
      /cannot reach this machine[\s\S]*K6_CLOUD_TOKEN is not set/,
    );
  });
});
