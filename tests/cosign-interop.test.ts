import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runChild } from '../common/child-process.ts';
import { findBinary } from '../common/find-binary.ts';
import { attestStage } from '../reports/evidence/attest-evidence.ts';
import { TEST_RESULT_PREDICATE } from '../reports/evidence/in-toto-statement.ts';
import { keySigner } from '../reports/evidence/signing-key.ts';
import type { RunResult } from '../reports/run-result.ts';

/**
 * The bundles are standard: cosign (v2.6.5, built from the Go module, docs/evidence.md) verifies
 * a harness attestation with the team's public key, and refuses another key and another release.
 */
const cosign = findBinary('cosign');
const RELEASE = 'e'.repeat(64);
let root: string;
let bundle: string;
let publicKeyFile: string;
let otherKeyFile: string;
let trustedRoot: string;

const pemOf = (key: ReturnType<typeof generateKeyPairSync>['publicKey']) => key.export({ type: 'spki', format: 'pem' });

function verifyBlobAttestation(keyFile: string, digest: string) {
  return runChild(
    cosign ?? 'cosign',
    [
      'verify-blob-attestation',
      '--key',
      keyFile,
      '--new-bundle-format',
      '--bundle',
      bundle,
      // An empty trusted root: the trust is the key alone, and cosign never asks the network for one.
      '--trusted-root',
      trustedRoot,
      '--insecure-ignore-tlog=true',
      '--type',
      TEST_RESULT_PREDICATE,
      // The subject is the release's digest, not a local file.
      '--digest',
      digest,
      '--digestAlg',
      'sha256',
    ],
    { timeoutMs: 60_000, env: { ...process.env, TUF_ROOT: join(root, 'tuf'), HOME: root } },
  );
}

describe.skipIf(!cosign)('cosign verify-blob-attestation --key (cosign not on PATH: skipped)', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'hasivu-cosign-'));
    const team = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    publicKeyFile = join(root, 'team.pub');
    otherKeyFile = join(root, 'other.pub');
    trustedRoot = join(root, 'trusted_root.json');
    await writeFile(publicKeyFile, pemOf(team.publicKey));
    await writeFile(otherKeyFile, pemOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey));
    await writeFile(
      trustedRoot,
      JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' }),
    );
    const now = new Date().toISOString();
    const result: RunResult = {
      kind: 'smoke',
      environment: 'staging',
      target: 'http://127.0.0.1:9',
      startedAt: now,
      finishedAt: now,
      tool: { name: 'vitest', version: '1' },
      checks: [
        {
          id: 'smoke.health',
          title: 'health',
          category: 'health',
          severity: 'critical',
          status: 'pass',
          durationMs: 1,
        },
      ],
    };
    await mkdir(join(root, 'results'));
    await writeFile(join(root, 'results', 'smoke.json'), JSON.stringify(result));
    bundle =
      (await attestStage(
        root,
        'smoke',
        { sha256: RELEASE, name: 'v9' },
        { signer: keySigner(team.privateKey), description: 'team key' },
      )) ?? '';
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('verifies the harness bundle with the team public key', async () => {
    const exit = await verifyBlobAttestation(publicKeyFile, RELEASE);
    expect(exit.output).toContain('Verified OK');
    expect(exit.code).toBe(0);
  });

  test('refuses it with another key', async () => {
    const exit = await verifyBlobAttestation(otherKeyFile, RELEASE);
    expect(exit.output).toContain('accepted signatures do not match threshold');
    expect(exit.code).not.toBe(0);
  });

  test("refuses it for another release's digest", async () => {
    const exit = await verifyBlobAttestation(publicKeyFile, 'f'.repeat(64));
    expect(exit.output).toContain('does not match any digest in statement');
    expect(exit.code).not.toBe(0);
  });
});
