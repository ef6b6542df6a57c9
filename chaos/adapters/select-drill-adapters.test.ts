import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../../common/harness-error.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { awsCandidate } from './aws/aws-candidate.ts';
import { forbidNetwork } from './aws/test-support/no-network.ts';
import type { DrillAdapterContext } from './drill-adapters.ts';
import { localCandidate } from './local-candidate.ts';
import { selectDrillAdapters } from './select-drill-adapters.ts';

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

function context(name: string, env: NodeJS.ProcessEnv, allowProductionChaos = false) {
  const lines: string[] = [];
  const fullEnv = { HARNESS_BASE_URL: 'https://api.staging.hasivu.example', ...env };
  const ctx: DrillAdapterContext = {
    environment: resolveProfile({ name, env: name === 'local' ? env : fullEnv }),
    env: fullEnv,
    allowProductionChaos,
    signal: new AbortController().signal,
    log: (line) => lines.push(line),
  };
  return { ctx, lines };
}

function candidates(home: string) {
  const clientsMade: string[] = [];
  const aws = awsCandidate({
    drills: ['fis-invocation-error'],
    home,
    clients: (region) => {
      clientsMade.push(region);
      throw new Error('no client may be built in this test');
    },
  });
  const preparedLocal: string[] = [];
  const local = localCandidate(() => {
    preparedLocal.push('local');
    return Promise.reject(new Error('not built here'));
  });
  return { list: [aws, local], clientsMade, preparedLocal };
}

async function failure(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HarnessError);
  return error as HarnessError;
}

describe('drill adapter selection', () => {
  it('staging without AWS credentials: each injector says why it was skipped, exit 2, nothing built', async () => {
    const { list, clientsMade, preparedLocal } = candidates(emptyHome());
    const { ctx, lines } = context('staging', {});
    const error = await failure(selectDrillAdapters(list, ctx));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/aws: no AWS credentials/);
    expect(error.message).toMatch(
      /local: the target https:\/\/api\.staging\.hasivu\.example is not the reference platform/,
    );
    expect(lines).toEqual([
      expect.stringMatching(/^chaos: fault injector aws skipped: no AWS credentials/),
      expect.stringMatching(/^chaos: fault injector local skipped: the target/),
    ]);
    expect(clientsMade).toEqual([]);
    expect(preparedLocal).toEqual([]);
  });

  it('staging with chaos not allowed: skipped for that reason even with credentials', async () => {
    const { list, clientsMade } = candidates(emptyHome());
    const { ctx } = context('staging', {
      HARNESS_PROTECTIONS_ALLOW_CHAOS: 'false',
      AWS_ACCESS_KEY_ID: 'AKIDHARNESSTEST',
      AWS_SECRET_ACCESS_KEY: 'not-a-secret',
    });
    const error = await failure(selectDrillAdapters(list, ctx));
    expect(error.message).toMatch(
      /aws: chaos is not allowed for staging \(protections\.allowChaos is false/,
    );
    expect(clientsMade).toEqual([]);
  });

  it('production needs --allow-production-chaos besides allowChaos', async () => {
    const { list } = candidates(emptyHome());
    const { ctx } = context('production', {
      HARNESS_BASE_URL: 'https://api.hasivu.example',
      HARNESS_PROTECTIONS_ALLOW_CHAOS: 'true',
      AWS_ACCESS_KEY_ID: 'AKIDHARNESSTEST',
      AWS_SECRET_ACCESS_KEY: 'not-a-secret',
    });
    const error = await failure(selectDrillAdapters(list, ctx));
    expect(error.message).toMatch(
      /aws: production is production: fault injection needs --allow-production-chaos/,
    );
  });

  it('local profile: aws is skipped for want of an aws block, and the local injector is prepared', async () => {
    const { list, preparedLocal } = candidates(emptyHome());
    const { ctx, lines } = context('local', {});
    await expect(selectDrillAdapters(list, ctx)).rejects.toThrow('not built here');
    expect(lines[0]).toBe('chaos: fault injector aws skipped: the local profile has no aws block');
    expect(preparedLocal).toEqual(['local']);
  });

  it('a profile in the shared config file counts as credentials; a misnamed AWS_PROFILE says so', () => {
    const home = emptyHome();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[profile drills]\nregion = ap-south-1\n');
    const [withProfile] = candidates(home).list;
    const [withoutProfile] = candidates(emptyHome()).list;
    const { ctx, lines } = context('staging', { AWS_PROFILE: 'drills' });
    expect(withProfile?.applicability(ctx)).toEqual({ applicable: true });
    expect(lines).toEqual(['chaos: AWS credentials from shared config profile "drills"']);
    expect(withoutProfile?.applicability(ctx)).toMatchObject({
      applicable: false,
      reason: expect.stringContaining('AWS_PROFILE=drills names no profile') as unknown,
    });
  });
});
