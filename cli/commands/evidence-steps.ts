import { HarnessError } from '../../common/harness-error.ts';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import type { AttestationSigner } from '../../reports/evidence/attestation-signer.ts';
import { attestStage, attestVerdict } from '../../reports/evidence/attest-evidence.ts';
import { policyDescriptor } from '../../reports/evidence/policy-digest.ts';
import { normalizeSha256, type ReleaseSubject } from '../../reports/evidence/release-subject.ts';
import { resolveSigner, resolveVerificationKey } from '../../reports/evidence/resolve-keys.ts';
import { verifyStageAttestation, verifyVerdictAttestation } from '../../reports/evidence/verify-attestations.ts';
import { currentProvenance } from '../../reports/provenance.ts';
import type { RunKind } from '../../reports/run-result.ts';
import type { Scorecard } from '../../reports/scorecard/scorecard.ts';
import { probeReleaseDigest } from '../../runner/release-digest.ts';
import { logLine } from '../console-log.ts';
import { recordRelease } from './record-release.ts';
import type { EvidenceVerifier } from './write-scorecard.ts';

/** Set once the release's code digest is known, for every attestation this process writes. */
export const RELEASE_DIGEST_ENV = 'HARNESS_RELEASE_DIGEST';

/** How `verify`, `run` and `check` sign: the signer, and the release the attestations are about. */
export interface Attesting {
  signer: AttestationSigner | undefined;
  release: ReleaseSubject | undefined;
}

/** The release as the attestations name it: its digest, its releaseId, and the commit when known. */
function currentRelease(): ReleaseSubject | undefined {
  const sha256 = normalizeSha256(process.env[RELEASE_DIGEST_ENV] ?? '');
  if (!sha256) return undefined;
  const { releaseId, commit } = currentProvenance();
  return { sha256, name: releaseId ?? `sha256:${sha256}`, ...(commit ? { commit } : {}) };
}

/**
 * The signer, loaded before anything starts: a bad key is a configuration error (exit 2)
 * found in milliseconds, not after the target is up.
 */
export function loadSigner(profile: Profile): Promise<AttestationSigner | undefined> {
  return resolveSigner(profile);
}

/** Reads the release digest (unless given in HARNESS_RELEASE_DIGEST) for the signer's attestations. */
export async function prepareAttesting(
  profile: Profile,
  baseUrl: string,
  signer: AttestationSigner | undefined,
): Promise<Attesting> {
  if (!process.env[RELEASE_DIGEST_ENV] && baseUrl) {
    const digest = await probeReleaseDigest(profile);
    if ('sha256' in digest) process.env[RELEASE_DIGEST_ENV] = digest.sha256;
    else logLine(`attestations: none written, the release digest is unknown: ${digest.problem}`);
  }
  const release = currentRelease();
  if (release) {
    logLine(
      `release digest: sha256:${release.sha256}; attestations ${signer ? `signed with the ${signer.description}` : 'UNSIGNED (no HARNESS_SIGNING_KEY, HARNESS_SIGNING_KEY_FILE or evidence.kmsKeyId)'}`,
    );
    if (!signer && profile.evidence.requireSignature) {
      logLine(
        `attestations: ${profile.name} requires signatures (evidence.requireSignature): the gate will refuse these unsigned ones`,
      );
    }
  }
  return { signer, release };
}

/** Attests a stage's results, when the release is known. */
export async function attestStageResult(reportsDir: string, kind: RunKind, attesting: Attesting): Promise<void> {
  if (!attesting.release) return;
  const path = await attestStage(reportsDir, kind, attesting.release, attesting.signer);
  if (path) logLine(`attestation: ${path}`);
}

/** Writes the verdict attestation (SLSA VSA), when the release is known. */
export async function attestScorecard(
  reportsDir: string,
  scorecard: Scorecard,
  profile: Profile,
  attesting: Attesting,
  evidenceDirs: readonly string[],
): Promise<void> {
  if (!attesting.release) return;
  const path = await attestVerdict(reportsDir, scorecard, profile, attesting.release, attesting.signer, evidenceDirs);
  logLine(`verdict attestation: ${path}`);
}

/**
 * `check --verify-with`: the key and the release to promote (given, or read from the target
 * as the profile says), and the checks every result's attestation must pass.
 */
export async function evidenceVerifier(
  keyRef: string,
  profile: Profile,
  baseUrl: string | undefined,
): Promise<EvidenceVerifier> {
  const publicKey = await resolveVerificationKey(keyRef, profile);
  const given = process.env[RELEASE_DIGEST_ENV];
  let releaseSha256 = given ? normalizeSha256(given) : undefined;
  if (given && !releaseSha256) {
    throw new HarnessError(
      'USAGE',
      `--release-digest (${RELEASE_DIGEST_ENV}) "${given}" is not a SHA-256; give sha256:<64 hex> or a base64 CodeSha256`,
    );
  }
  if (!releaseSha256) {
    if (!baseUrl) {
      throw new HarnessError(
        'USAGE',
        'check --verify-with needs the release to promote: pass --release-digest sha256:<hex> (or HARNESS_RELEASE_DIGEST), or set target.baseUrl so it can be read from the target',
      );
    }
    await recordRelease(baseUrl);
    const digest = await probeReleaseDigest(profile);
    if ('problem' in digest)
      throw new HarnessError('RELEASE_DIGEST', `${digest.problem}; or pass --release-digest sha256:<hex>`);
    releaseSha256 = digest.sha256;
  }
  // The gate's own verdict attestation is about the same release.
  process.env[RELEASE_DIGEST_ENV] = releaseSha256;
  logLine(`verifying attestations against sha256:${releaseSha256}`);
  const expectations = {
    publicKey,
    releaseSha256,
    requireSignature: profile.evidence.requireSignature,
    policySha256: policyDescriptor(profile).digest.sha256,
    freshnessHours: profile.freshnessHours,
    now: new Date(),
  };
  return {
    stage: (dir, result) => verifyStageAttestation(dir, result, expectations),
    verdict: (dir) => verifyVerdictAttestation(dir, expectations),
  };
}
