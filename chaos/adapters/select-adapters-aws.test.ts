import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../../common/harness-error.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { forbidNetwork } from './aws/test-support/no-network.ts';
import type { Target } from '../../runner/target.ts';
import { adapterCandidates, selectAdapters } from './select-adapters.ts';

forbidNetwork();

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

/** A HOME with no ~/.aws, so the developer's own credentials never leak into a test. */
function emptyHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'hasivu-aws-home-'));
  homes.push(home);
  return home;
}

function setup(name: string, env: NodeJS.ProcessEnv, home: string, allowProductionChaos = false) {
  const lines: string[] = [];
  const baseUrl = env.HARNESS_BASE_URL ?? 'https://api.staging.hasivu.example';
  const fullEnv = name === 'local' ? env : { HARNESS_BASE_URL: baseUrl, ...env };
  const environment = resolveProfile({ name, env: fullEnv });
  const target: Target = {
    baseUrl: name === 'local' ? 'http://127.0.0.1:9' : baseUrl,
    credentials: { email: 'parent@demo.hasivu.test', password: undefined },
    webhookSecret: undefined,
    adminToken: undefined,
    local: name === 'local',
  };
  const clientsMade: string[] = [];
  const log = (line: string) => lines.push(line);
  const candidates = adapterCandidates({
    env: fullEnv,
    home,
    allowProductionChaos,
    drills: ['fis-invocation-error'],
    log,
    clients: (region) => {
      clientsMade.push(region);
      throw new Error('no client may be built in this test');
    },
  });
  const select = () => selectAdapters(target, environment, log, new AbortController().signal, candidates);
  return { select, lines, clientsMade, candidates, target, environment };
}

async function failure(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HarnessError);
  return error as HarnessError;
}

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDHARNESSTEST', AWS_SECRET_ACCESS_KEY: 'not-a-secret' };

describe('drill adapter selection with AWS first', () => {
  it('staging without AWS credentials: each injector says why it was skipped, exit 2, no AWS client built', async () => {
    const { select, lines, clientsMade } = setup('staging', {}, emptyHome());
    const error = await failure(select());
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/aws: no AWS credentials/);
    expect(error.message).toMatch(/local: the target has no admin token/);
    expect(lines).toEqual([
      expect.stringMatching(/^chaos: adapter aws not applicable: no AWS credentials/),
      expect.stringMatching(/^chaos: adapter local not applicable: /),
    ]);
    expect(clientsMade).toEqual([]);
  });

  it('staging with chaos not allowed: skipped for that reason even with credentials', async () => {
    const { select, clientsMade } = setup(
      'staging',
      { HARNESS_PROTECTIONS_ALLOW_CHAOS: 'false', ...KEYS },
      emptyHome(),
    );
    const error = await failure(select());
    expect(error.message).toMatch(
      /aws: chaos is not allowed for staging: protections\.allowChaos is false for the staging profile/,
    );
    expect(clientsMade).toEqual([]);
  });

  it('production needs --allow-production-chaos besides allowChaos', async () => {
    const { select } = setup(
      'production',
      {
        HARNESS_BASE_URL: 'https://api.hasivu.example',
        HARNESS_PROTECTIONS_ALLOW_CHAOS: 'true',
        ...KEYS,
      },
      emptyHome(),
    );
    const error = await failure(select());
    expect(error.message).toMatch(
      /aws: chaos is not allowed for production: a production profile also needs the --allow-production-chaos flag/,
    );
  });

  it('local profile: aws is skipped for want of an aws block before local is tried', async () => {
    const { select, lines } = setup('local', {}, emptyHome());
    await failure(select());
    expect(lines[0]).toBe('chaos: adapter aws not applicable: the local profile has no aws block');
  });

  it('with credentials the aws candidate is chosen and builds its clients', async () => {
    const { select, clientsMade } = setup('staging', KEYS, emptyHome());
    await expect(select()).rejects.toThrow('no client may be built in this test');
    expect(clientsMade).toEqual(['ap-south-1']);
  });

  it('a profile in the shared config file counts as credentials; a misnamed AWS_PROFILE says so', async () => {
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[profile drills]\nregion = ap-south-1\n');
    const found = setup('staging', { AWS_PROFILE: 'drills' }, home);
    await expect(found.select()).rejects.toThrow('no client may be built in this test');
    expect(found.lines).toContain('chaos: AWS credentials from shared config profile "drills"');
    const missing = setup('staging', { AWS_PROFILE: 'drills' }, emptyHome());
    expect((await failure(missing.select())).message).toContain('AWS_PROFILE=drills names no profile');
  });
});

describe('--adapter', () => {
  it('aws on the local profile needs the reference platform: a loopback target with its admin token', async () => {
    const { target, environment } = setup('local', {}, emptyHome());
    const lines: string[] = [];
    const only = adapterCandidates({ log: (l) => lines.push(l) }, 'aws');
    expect(only.map((c) => c.name)).toEqual(['aws']);
    const error = await failure(
      selectAdapters(target, environment, (l) => lines.push(l), new AbortController().signal, only),
    );
    expect(error.message).toContain(
      'aws: rehearsing the AWS path needs the reference platform: a loopback target with its admin token (HARNESS_ADMIN_TOKEN)',
    );
    expect(adapterCandidates({}, 'local').map((c) => c.name)).toEqual(['local']);
  });
});
