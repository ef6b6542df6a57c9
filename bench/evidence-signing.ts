import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileSchema } from '../fixtures/environments/profile-schema.ts';
import { STAGING_PROFILE } from '../fixtures/environments/profiles/staging.ts';
import { attestStage, attestVerdict } from '../reports/evidence/attest-evidence.ts';
import { policyDescriptor } from '../reports/evidence/policy-digest.ts';
import { keySigner } from '../reports/evidence/signing-key.ts';
import { verifyStageAttestation, verifyVerdictAttestation } from '../reports/evidence/verify-attestations.ts';
import { readRunResult, writeRunResult } from '../reports/run-result-files.ts';
import { RUN_KINDS, type RunResult } from '../reports/run-result.ts';
import { computeScorecard } from '../reports/scorecard/compute-scorecard.ts';
import { median } from './median.ts';

/** What signing adds to `verify` and verifying adds to `check`, against the file I/O they do anyway. */
export interface EvidenceBench {
  runs: number;
  checksPerResult: number;
  /** verify's baseline: writing the five results files. */
  writeResultsMedianMs: number;
  signP256MedianMs: number;
  signEd25519MedianMs: number;
  unsignedMedianMs: number;
  /** check's baseline: reading the five results files. */
  readResultsMedianMs: number;
  verifyP256MedianMs: number;
  ratioSignToWrite: number;
  ratioVerifyToRead: number;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function result(kind: RunResult['kind'], checks: number): RunResult {
  const now = new Date().toISOString();
  return {
    kind,
    environment: 'staging',
    target: 'http://127.0.0.1:9',
    startedAt: now,
    finishedAt: now,
    tool: { name: 'vitest', version: '1' },
    checks: Array.from({ length: checks }, (_, index) => ({
      id: `${kind}.check-${index}`,
      title: `check ${index}`,
      category: 'smoke' as const,
      severity: 'major' as const,
      status: 'pass' as const,
      durationMs: 3,
    })),
  };
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/**
 * Five results of `checksPerResult` checks each (a local verify writes about that many), then
 * alternately: write them, attest them (P-256, Ed25519, unsigned) plus the verdict, read them,
 * verify them plus the verdict. In-process, so the figures are the added work itself.
 */
export async function benchEvidenceSigning(runs: number, checksPerResult = 100): Promise<EvidenceBench> {
  const dir = await mkdtemp(join(tmpdir(), 'hasivu-bench-evidence-'));
  const profile = ProfileSchema.parse(STAGING_PROFILE);
  const release = { sha256: 'd'.repeat(64), name: 'bench' };
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed25519 = generateKeyPairSync('ed25519');
  const signer = (key: KeyObject) => ({ signer: keySigner(key), description: 'bench key' });
  const scorecard = computeScorecard([], profile, new Date());
  const samples = {
    write: [] as number[],
    p256: [] as number[],
    ed: [] as number[],
    unsigned: [] as number[],
    read: [] as number[],
    verify: [] as number[],
  };
  const expectations = {
    publicKey: p256.publicKey,
    releaseSha256: release.sha256,
    requireSignature: true,
    policySha256: policyDescriptor(profile).digest.sha256,
    freshnessHours: profile.freshnessHours,
    now: new Date(Date.now() + 1000),
  };
  const attestAll = async (key: KeyObject | undefined) => {
    for (const kind of RUN_KINDS) await attestStage(dir, kind, release, key ? signer(key) : undefined);
    await attestVerdict(dir, scorecard, profile, release, key ? signer(key) : undefined, [dir]);
  };
  try {
    for (let run = 0; run < runs + 1; run += 1) {
      const write = await timed(async () => {
        for (const kind of RUN_KINDS) await writeRunResult(dir, result(kind, checksPerResult));
      });
      const unsigned = await timed(() => attestAll(undefined));
      const ed = await timed(() => attestAll(ed25519.privateKey));
      const p = await timed(() => attestAll(p256.privateKey));
      const loaded: RunResult[] = [];
      const read = await timed(async () => {
        for (const kind of RUN_KINDS) loaded.push((await readRunResult(dir, kind, new Date(Date.now() + 1000)))!);
      });
      const verify = await timed(async () => {
        for (const r of loaded) {
          const problem = await verifyStageAttestation(dir, r, expectations);
          if (problem) throw new Error(problem);
        }
        const problem = await verifyVerdictAttestation(dir, expectations);
        if (problem) throw new Error(problem);
      });
      // The first round warms the JIT and the file cache; it is not counted.
      if (run === 0) continue;
      samples.write.push(write);
      samples.unsigned.push(unsigned);
      samples.ed.push(ed);
      samples.p256.push(p);
      samples.read.push(read);
      samples.verify.push(verify);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v))])) as Record<
    keyof typeof samples,
    number
  >;
  return {
    runs,
    checksPerResult,
    writeResultsMedianMs: m.write,
    signP256MedianMs: m.p256,
    signEd25519MedianMs: m.ed,
    unsignedMedianMs: m.unsigned,
    readResultsMedianMs: m.read,
    verifyP256MedianMs: m.verify,
    ratioSignToWrite: round(m.p256 / m.write),
    ratioVerifyToRead: round(m.verify / m.read),
  };
}
