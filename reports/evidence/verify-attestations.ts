import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { RunKind, RunResult } from '../run-result.ts';
import { signedPath, unsignedPath } from './attestation-files.ts';
import {
  IN_TOTO_PAYLOAD_TYPE,
  StatementSchema,
  TEST_RESULT_PREDICATE,
  TestResultPredicateSchema,
  VSA_PREDICATE,
  VsaPredicateSchema,
  type Statement,
} from './in-toto-statement.ts';
import { sha256Hex } from './policy-digest.ts';
import { subjectDigest } from './release-subject.ts';
import { resultsFileName } from './stage-attestation.ts';
import { verifyDsseBundle } from './verify-bundle.ts';

/** What every attestation must match for the gate to count its evidence. */
export interface Expectations {
  /** The verifying key: a PEM file's or the KMS key's public half. */
  publicKey: KeyObject;
  /** Hex SHA-256 of the release to promote. */
  releaseSha256: string;
  requireSignature: boolean;
  /** Digest of this profile's gate policy: a verdict judged under another is refused. */
  policySha256: string;
  /** Freshness per kind, in hours (the profile's freshnessHours). */
  freshnessHours: Partial<Record<RunKind, number>>;
  now: Date;
}

const short = (hex: string | undefined) => (hex ? `sha256:${hex.slice(0, 12)}…` : 'no sha256 subject');

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return { unreadable: code ?? 'not JSON' };
  }
}

/** Reads a signed attestation (verifying it) or an unsigned one; the statement, or what is wrong. */
async function readStatement(
  dir: string,
  name: string,
  expect: Expectations,
): Promise<{ file: string; statement: Statement } | { file: string; problem: string }> {
  const signedFile = signedPath(dir, name);
  const unsignedFile = unsignedPath(dir, name);
  const signed = await readJson(signedFile);
  let payload: unknown;
  let file = signedFile;
  if (signed !== undefined) {
    const verified = verifyDsseBundle(signed, expect.publicKey);
    if ('problem' in verified) return { file, problem: verified.problem };
    if (verified.payloadType !== IN_TOTO_PAYLOAD_TYPE)
      return { file, problem: `carries ${verified.payloadType}, not an in-toto statement` };
    try {
      payload = JSON.parse(verified.payload.toString('utf8'));
    } catch {
      return { file, problem: 'carries a payload that is not JSON' };
    }
  } else {
    file = unsignedFile;
    payload = await readJson(unsignedFile);
    if (payload === undefined)
      return { file: signedFile, problem: 'is missing: there is no attestation for this evidence' };
    if (expect.requireSignature)
      return { file, problem: 'is unsigned, and this profile requires signatures (evidence.requireSignature)' };
  }
  const parsed = StatementSchema.safeParse(payload);
  if (!parsed.success) return { file, problem: 'is not an in-toto Statement v1' };
  const about = subjectDigest(parsed.data.subject);
  if (about !== expect.releaseSha256) {
    return {
      file,
      problem: `is about another release (${short(about)}), not the release to promote (${short(expect.releaseSha256)})`,
    };
  }
  return { file, statement: parsed.data };
}

const shown = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};

/**
 * Verifies the attestation of one stage's results: signature, subject, predicate type,
 * the results file's digest, and freshness. Undefined when it holds, else the reason,
 * naming the file and what did not match.
 */
export async function verifyStageAttestation(
  dir: string,
  result: RunResult,
  expect: Expectations,
): Promise<string | undefined> {
  const read = await readStatement(dir, result.kind, expect);
  if ('problem' in read) return `${shown(read.file)} ${read.problem}`;
  const { file, statement } = read;
  if (statement.predicateType !== TEST_RESULT_PREDICATE)
    return `${shown(file)} has predicate type ${statement.predicateType}, not ${TEST_RESULT_PREDICATE}`;
  const predicate = TestResultPredicateSchema.safeParse(statement.predicate);
  if (!predicate.success) return `${shown(file)} has no valid test-result predicate`;
  const name = resultsFileName(result.kind);
  const attested = predicate.data.configuration.find((c) => c.name === name)?.digest?.sha256;
  const resultsPath = `${dir}/${name}`;
  const actual = sha256Hex(await readFile(resultsPath));
  if (attested !== actual) {
    return `${shown(resultsPath)} was changed after it was attested: its sha256 is ${actual.slice(0, 12)}…, ${shown(file)} attests ${attested ? `${attested.slice(0, 12)}…` : 'no digest'}`;
  }
  const ageHours = (expect.now.getTime() - Date.parse(result.finishedAt)) / 3_600_000;
  const window = expect.freshnessHours[result.kind] ?? 0;
  if (ageHours > window) {
    return `${shown(file)} is stale: its results finished ${ageHours.toFixed(1)} h ago, freshnessHours.${result.kind} is ${window}`;
  }
  return undefined;
}

/**
 * Verifies an earlier verdict (a VSA) when one is present: signature, subject, predicate type,
 * and that it was judged under this profile's policy. Undefined when absent or valid.
 */
export async function verifyVerdictAttestation(dir: string, expect: Expectations): Promise<string | undefined> {
  const read = await readStatement(dir, 'verdict', expect);
  if ('problem' in read)
    return read.problem.startsWith('is missing') ? undefined : `${shown(read.file)} ${read.problem}`;
  const { file, statement } = read;
  if (statement.predicateType !== VSA_PREDICATE)
    return `${shown(file)} has predicate type ${statement.predicateType}, not ${VSA_PREDICATE}`;
  const predicate = VsaPredicateSchema.safeParse(statement.predicate);
  if (!predicate.success) return `${shown(file)} has no valid verification summary predicate`;
  const policy = predicate.data.policy.digest?.sha256;
  if (policy !== expect.policySha256) {
    return `${shown(file)} was produced under a different policy (${short(policy)}; this profile's gate policy is ${short(expect.policySha256)})`;
  }
  const windowHours = Math.min(...Object.values(expect.freshnessHours));
  const ageHours = (expect.now.getTime() - Date.parse(predicate.data.timeVerified)) / 3_600_000;
  if (ageHours > windowHours)
    return `${shown(file)} is stale: verified ${ageHours.toFixed(1)} h ago, the shortest freshness window is ${windowHours} h`;
  return undefined;
}
