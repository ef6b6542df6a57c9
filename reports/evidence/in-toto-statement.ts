import { z } from 'zod';

/**
 * The in-toto attestation formats the harness writes (https://github.com/in-toto/attestation):
 * a Statement v1 says which artifacts (subjects, by digest) a predicate is about.
 */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** The payload type of a DSSE envelope that carries an in-toto Statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** One stage's results: in-toto's test-result predicate v0.1. */
export const TEST_RESULT_PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1';
/** The verdict: a SLSA Verification Summary Attestation. */
export const VSA_PREDICATE = 'https://slsa.dev/verification_summary/v1';

const DigestSetSchema = z.record(z.string(), z.string().min(1));

export const ResourceDescriptorSchema = z.looseObject({
  name: z.string().optional(),
  uri: z.string().optional(),
  digest: DigestSetSchema.optional(),
});
export type ResourceDescriptor = z.infer<typeof ResourceDescriptorSchema>;

export const StatementSchema = z.looseObject({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(ResourceDescriptorSchema.extend({ digest: DigestSetSchema })).min(1),
  predicateType: z.string().min(1),
  predicate: z.record(z.string(), z.unknown()),
});
export type Statement = z.infer<typeof StatementSchema>;

/** The test-result predicate fields the gate reads back. */
export const TestResultPredicateSchema = z.looseObject({
  result: z.enum(['PASSED', 'WARNED', 'FAILED']),
  configuration: z.array(ResourceDescriptorSchema),
  url: z.string().optional(),
  passedTests: z.array(z.string()),
  warnedTests: z.array(z.string()),
  failedTests: z.array(z.string()),
});
export type TestResultPredicate = z.infer<typeof TestResultPredicateSchema>;

export const VsaPredicateSchema = z.looseObject({
  verifier: z.looseObject({ id: z.string(), version: z.record(z.string(), z.string()).optional() }),
  timeVerified: z.iso.datetime(),
  resourceUri: z.string(),
  policy: ResourceDescriptorSchema,
  inputAttestations: z.array(ResourceDescriptorSchema).optional(),
  verificationResult: z.enum(['PASSED', 'FAILED']),
  verifiedLevels: z.array(z.string()),
});
export type VsaPredicate = z.infer<typeof VsaPredicateSchema>;

export function statement(
  subject: Statement['subject'],
  predicateType: string,
  predicate: Record<string, unknown>,
): Statement {
  return { _type: STATEMENT_TYPE, subject, predicateType, predicate };
}
