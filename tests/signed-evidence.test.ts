import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ProfileSchema } from '../fixtures/environments/profile-schema.ts';
import { STAGING_PROFILE } from '../fixtures/environments/profiles/staging.ts';
import type { AttestationSigner } from '../reports/evidence/attestation-signer.ts';
import { attestStage, attestVerdict } from '../reports/evidence/attest-evidence.ts';
import { keySigner } from '../reports/evidence/signing-key.ts';
import type { Check, RunKind, RunResult } from '../reports/run-result.ts';
import { computeScorecard } from '../reports/scorecard/compute-scorecard.ts';
import { runCli } from './test-support/run-cli.ts';

/**
 * The promotion gate verifies signed evidence: a staging artifact signed by the team's key
 * passes; each way of forging it is refused with a reason naming the file and the mismatch.
 */
const HOUR = 3_600_000;
const RELEASE = 'a'.repeat(64);
const OTHER_RELEASE = 'b'.repeat(64);
let root: string;
let teamKey: AttestationSigner;
let teamPublicKeyFile: string;
let otherKey: AttestationSigner;

function signerFrom(privateKey: KeyObject, description: string): AttestationSigner {
  return { signer: keySigner(privateKey), description };
}

function check(id: string, category: Check['category']): Check {
  return { id, title: id, category, severity: 'major', status: 'pass', durationMs: 5 };
}

const STAGE_CHECKS: Partial<Record<RunKind, Check[]>> = {
  smoke: [check('smoke.health', 'health'), check('smoke.flow', 'smoke'), check('smoke.auth', 'security')],
  contract: [check('contract.web', 'contract')],
  load: [check('load.sla.latency', 'performance')],
};

interface Forgery {
  signer?: AttestationSigner | undefined;
  release?: string;
  smokeHoursAgo?: number;
}

/** A staging artifact: smoke, contract and load results, each attested as the options say. */
async function artifact(name: string, forgery: Forgery = {}): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'results'), { recursive: true });
  for (const [kind, checks] of Object.entries(STAGE_CHECKS) as [RunKind, Check[]][]) {
    const finished = new Date(Date.now() - (kind === 'smoke' ? (forgery.smokeHoursAgo ?? 0.1) : 1) * HOUR);
    const result: RunResult = {
      kind,
      environment: 'staging',
      target: 'http://127.0.0.1:9',
      startedAt: new Date(finished.getTime() - 60_000).toISOString(),
      finishedAt: finished.toISOString(),
      tool: { name: kind === 'load' ? 'k6' : 'vitest', version: '1' },
      checks,
      provenance: { releaseId: 'v42', harnessVersion: '0.1.0' },
    };
    await writeFile(join(dir, 'results', `${kind}.json`), JSON.stringify(result));
    const signer = 'signer' in forgery ? forgery.signer : teamKey;
    await attestStage(dir, kind, { sha256: forgery.release ?? RELEASE, name: 'v42' }, signer);
  }
  return dir;
}

function gate(dir: string, verifyWith = teamPublicKeyFile) {
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
    { HARNESS_BASE_URL: 'http://127.0.0.1:9', HARNESS_REPORTS_DIR: join(dir, 'out') },
  );
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hasivu-signed-evidence-'));
  const team = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  teamKey = signerFrom(team.privateKey, 'team key');
  otherKey = signerFrom(generateKeyPairSync('ed25519').privateKey, 'another key');
  teamPublicKeyFile = join(root, 'team.pub');
  await writeFile(teamPublicKeyFile, team.publicKey.export({ type: 'spki', format: 'pem' }));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('check --verify-with', () => {
  test('evidence signed by the team key about the release to promote passes the gate', async () => {
    const dir = await artifact('genuine');
    const outcome = await gate(dir);
    expect(outcome.stdout).toContain('verdict READY');
    expect(outcome.code).toBe(0);
    // The gate's own verdict is a VSA about the same release, naming its inputs by digest.
    const vsa = JSON.parse(await readFile(join(dir, 'out', 'attestations', 'verdict.intoto.json'), 'utf8')) as {
      subject: { digest: { sha256?: string } }[];
      predicate: {
        verificationResult: string;
        inputAttestations: { name: string }[];
        hasivuVerify: { signed: boolean; note?: string };
      };
    };
    expect(vsa.subject[0]?.digest.sha256).toBe(RELEASE);
    expect(vsa.predicate.verificationResult).toBe('PASSED');
    // The gate ran without a signing key: its own verdict says it is unsigned, and why.
    expect(vsa.predicate.hasivuVerify).toMatchObject({
      signed: false,
      note: expect.stringContaining('no signing key was set') as unknown,
    });
    expect(outcome.stderr).toContain('attestations UNSIGNED');
    expect(vsa.predicate.inputAttestations.map((i) => i.name)).toEqual([
      'attestations/contract.sigstore.json',
      'attestations/load.sigstore.json',
      'attestations/smoke.sigstore.json',
    ]);
  });

  const forgeries: [string, () => Promise<string>, RegExp][] = [
    [
      'a results file edited after signing',
      async () => {
        const dir = await artifact('edited');
        const file = join(dir, 'results', 'smoke.json');
        await writeFile(file, (await readFile(file, 'utf8')).replace('"status":"pass"', '"status":"pass" '));
        return dir;
      },
      /results\/smoke\.json was changed after it was attested: its sha256 is [0-9a-f]{12}…, .*smoke\.sigstore\.json attests [0-9a-f]{12}…/,
    ],
    [
      "an attestation for another release's digest",
      () => artifact('other-release', { release: OTHER_RELEASE }),
      /smoke\.sigstore\.json is about another release \(sha256:bbbbbbbbbbbb…\), not the release to promote \(sha256:aaaaaaaaaaaa…\)/,
    ],
    [
      'a signature by another key',
      () => artifact('other-key', { signer: otherKey }),
      /smoke\.sigstore\.json has a bad signature: not signed by the key given with --verify-with/,
    ],
    [
      'an attestation older than the freshness window',
      () => artifact('stale', { smokeHoursAgo: 3 }),
      /smoke\.sigstore\.json is stale: its results finished 3\.0 h ago, freshnessHours\.smoke is 2/,
    ],
    [
      'an unsigned attestation where the profile requires signatures',
      () => artifact('unsigned', { signer: undefined }),
      /smoke\.intoto\.json is unsigned, and this profile requires signatures \(evidence\.requireSignature\)/,
    ],
    [
      'a verdict produced under a different policy',
      async () => {
        const dir = await artifact('other-policy');
        const lenient = ProfileSchema.parse({
          ...STAGING_PROFILE,
          gate: { ...STAGING_PROFILE.gate, minimumScore: 10 },
        });
        const scorecard = computeScorecard([], lenient, new Date());
        await attestVerdict(
          dir,
          { ...scorecard, verdict: 'ready' },
          lenient,
          { sha256: RELEASE, name: 'v42' },
          teamKey,
          [dir],
        );
        return dir;
      },
      /verdict\.sigstore\.json was produced under a different policy \(sha256:[0-9a-f]{12}…; this profile's gate policy is sha256:[0-9a-f]{12}…\)/,
    ],
  ];

  test.each(forgeries)('refuses %s: exit 3 with the reason', async (_name, forge, reason) => {
    const outcome = await gate(await forge());
    expect(outcome.stdout).toContain('verdict INCOMPLETE');
    expect(outcome.stdout).toMatch(reason);
    expect(outcome.code).toBe(3);
  });

  test('a private key given as the verifying key is refused by name (exit 2)', async () => {
    const file = join(root, 'private.pem');
    await writeFile(
      file,
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    const outcome = await gate(await artifact('private-key'), file);
    expect(outcome.stderr).toContain(`--verify-with ${file} holds a private key`);
    expect(outcome.code).toBe(2);
  });
});

describe('a signing key that is no key', () => {
  test('is a configuration error naming the variable, before anything runs, and never quoted (exit 2)', async () => {
    const value = 'not-a-pem-but-a-secret-value';
    const outcome = await runCli(['check', '--env', 'staging'], {
      HARNESS_BASE_URL: 'http://127.0.0.1:9',
      HARNESS_REPORTS_DIR: join(root, 'bad-key'),
      HARNESS_SIGNING_KEY: value,
    });
    expect(outcome.stderr).toContain(
      'HARNESS_SIGNING_KEY is not a private key; give an unencrypted PKCS#8 PEM ECDSA P-256 or Ed25519 private key',
    );
    expect(`${outcome.stdout}${outcome.stderr}`).not.toContain('secret-value');
    expect(outcome.code).toBe(2);
  });
});
