import type { RunResult } from '../run-result.ts';
import { statement, TEST_RESULT_PREDICATE, type Statement, type TestResultPredicate } from './in-toto-statement.ts';
import { releaseSubjects, type ReleaseSubject } from './release-subject.ts';
import { sha256Hex } from './policy-digest.ts';

/** Where a stage's results file is named in its attestation (relative to the reports directory). */
export function resultsFileName(kind: string): string {
  return `results/${kind}.json`;
}

/**
 * One stage's results as an in-toto test-result statement about the release. The results
 * file itself is a configuration resource by digest: editing it afterwards breaks the link.
 */
export function stageStatement(result: RunResult, resultsFile: Uint8Array, release: ReleaseSubject): Statement {
  const ids = (...statuses: string[]) => result.checks.filter((c) => statuses.includes(c.status)).map((c) => c.id);
  const failedTests = ids('fail', 'error', 'blocked');
  const warnedTests = ids('warn');
  const predicate: TestResultPredicate = {
    result: failedTests.length > 0 || result.aborted ? 'FAILED' : warnedTests.length > 0 ? 'WARNED' : 'PASSED',
    configuration: [
      { name: resultsFileName(result.kind), digest: { sha256: sha256Hex(resultsFile) }, mediaType: 'application/json' },
    ],
    ...(result.provenance?.runUrl ? { url: result.provenance.runUrl } : {}),
    passedTests: ids('pass'),
    warnedTests,
    failedTests,
  };
  return statement(releaseSubjects(release), TEST_RESULT_PREDICATE, predicate);
}
