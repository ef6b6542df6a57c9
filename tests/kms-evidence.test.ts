import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ProfileSchema } from '../fixtures/environments/profile-schema.ts';
import { STAGING_PROFILE } from '../fixtures/environments/profiles/staging.ts';
import { attestStage } from '../reports/evidence/attest-evidence.ts';
import { resolveSigner } from '../reports/evidence/resolve-keys.ts';
import type { RunKind, RunResult } from '../reports/run-result.ts';
import { motoServerBinary, startMotoServer, type MotoServer } from './test-support/moto-server.ts';
import { runCli } from './test-support/run-cli.ts';

/**
 * Signing with an AWS KMS key (kms:Sign) and verifying with its id (kms:GetPublicKey), through
 * the real SDK against moto's KMS, which signs with ECC_NIST_P256 keys like AWS does.
 */
const moto = motoServerBinary();
const REGION = STAGING_PROFILE.aws.region;
const RELEASE = 'c'.repeat(64);
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: REGION };
let server: MotoServer;
let root: string;
let keyId: string;
let otherKeyId: string;

async function createSigningKey(endpoint: string): Promise<string> {
  const client = new KMSClient({
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  try {
    const created = await client.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }));
    return created.KeyMetadata?.KeyId ?? '';
  } finally {
    client.destroy();
  }
}

/** A staging artifact whose results are signed by the KMS key `signWith`. */
async function artifact(name: string, signWith: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'results'), { recursive: true });
  const profile = ProfileSchema.parse({
    ...STAGING_PROFILE,
    evidence: { ...STAGING_PROFILE.evidence, kmsKeyId: signWith },
  });
  const signer = await resolveSigner(profile);
  const kinds: [RunKind, RunResult['checks']][] = [
    [
      'smoke',
      ['health', 'smoke', 'security'].map((category) => ({
        id: `smoke.${category}`,
        title: category,
        category: category as 'health',
        severity: 'major' as const,
        status: 'pass' as const,
        durationMs: 1,
      })),
    ],
    [
      'contract',
      [{ id: 'contract.web', title: 'web', category: 'contract', severity: 'major', status: 'pass', durationMs: 1 }],
    ],
    [
      'load',
      [{ id: 'load.sla', title: 'sla', category: 'performance', severity: 'major', status: 'pass', durationMs: 1 }],
    ],
  ];
  for (const [kind, checks] of kinds) {
    const now = new Date().toISOString();
    const result: RunResult = {
      kind,
      environment: 'staging',
      target: 'http://127.0.0.1:9',
      startedAt: now,
      finishedAt: now,
      tool: { name: 'vitest', version: '1' },
      checks,
    };
    await writeFile(join(dir, 'results', `${kind}.json`), JSON.stringify(result));
    await attestStage(dir, kind, { sha256: RELEASE, name: 'v7' }, signer);
  }
  return dir;
}

function gate(dir: string, verifyWith: string) {
  return runCli(
    [
      'check',
      '--env',
      'staging',
      '--results',
      dir,
      '--verify-with',
      verifyWith,
      '--release-digest',
      `sha256:${RELEASE}`,
    ],
    {
      HARNESS_BASE_URL: 'http://127.0.0.1:9',
      HARNESS_REPORTS_DIR: join(dir, 'out'),
      ...AWS_ENV,
      AWS_ENDPOINT_URL: server.endpoint,
    },
  );
}

describe.skipIf(!moto)('attestations signed with an AWS KMS key (moto_server not on PATH: skipped)', () => {
  beforeAll(async () => {
    server = await startMotoServer(moto ?? '');
    root = await mkdtemp(join(tmpdir(), 'hasivu-kms-evidence-'));
    keyId = await createSigningKey(server.endpoint);
    otherKeyId = await createSigningKey(server.endpoint);
    // The endpoint and credentials reach the SDK the standard way: from the environment.
    Object.assign(process.env, AWS_ENV, { AWS_ENDPOINT_URL: server.endpoint });
  });
  afterAll(async () => {
    for (const name of [...Object.keys(AWS_ENV), 'AWS_ENDPOINT_URL']) Reflect.deleteProperty(process.env, name);
    await server[Symbol.asyncDispose]();
    await rm(root, { recursive: true, force: true });
  });

  test('kms:Sign signs; check --verify-with <KMS key id> verifies with kms:GetPublicKey and passes', async () => {
    const outcome = await gate(await artifact('kms', keyId), keyId);
    expect(outcome.stdout).toContain('verdict READY');
    expect(outcome.code).toBe(0);
  });

  test('evidence signed by another KMS key is refused with a bad signature', async () => {
    const outcome = await gate(await artifact('other-kms', otherKeyId), keyId);
    expect(outcome.stdout).toMatch(/smoke\.sigstore\.json has a bad signature/);
    expect(outcome.code).toBe(3);
  });
});
