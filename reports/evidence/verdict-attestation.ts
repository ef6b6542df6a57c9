import pkg from '../../package.json' with { type: 'json' };
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import type { Scorecard } from '../scorecard/scorecard.ts';
import {
  statement,
  VSA_PREDICATE,
  type ResourceDescriptor,
  type Statement,
  type VsaPredicate,
} from './in-toto-statement.ts';
import { policyDescriptor } from './policy-digest.ts';
import { releaseSubjects, type ReleaseSubject } from './release-subject.ts';

export const VERIFIER_ID = 'pkg:npm/hasivu-verify';

/**
 * The verdict as a SLSA Verification Summary Attestation: who judged (the harness and its
 * version), when, which release, under which policy (by digest), the outcome, and the input
 * attestations by digest. `hasivuVerify` carries what SLSA has no field for: the scorecard's
 * verdict and score, and whether the inputs were signed.
 */
export function verdictStatement(
  scorecard: Scorecard,
  profile: Profile,
  release: ReleaseSubject,
  inputs: ResourceDescriptor[],
  signed: boolean,
  now: Date,
): Statement {
  const predicate: VsaPredicate = {
    verifier: { id: VERIFIER_ID, version: { 'hasivu-verify': pkg.version } },
    timeVerified: now.toISOString(),
    resourceUri: `hasivu:release/${release.name}`,
    policy: policyDescriptor(profile),
    inputAttestations: inputs,
    verificationResult: scorecard.verdict === 'ready' ? 'PASSED' : 'FAILED',
    verifiedLevels: [],
  };
  return statement(releaseSubjects(release), VSA_PREDICATE, {
    ...predicate,
    hasivuVerify: {
      environment: profile.name,
      verdict: scorecard.verdict,
      score: scorecard.score,
      signed,
      ...(signed
        ? {}
        : {
            note: 'unsigned: no signing key was set (HARNESS_SIGNING_KEY, HARNESS_SIGNING_KEY_FILE or evidence.kmsKeyId)',
          }),
    },
  });
}
