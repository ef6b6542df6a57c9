import { stripVTControlCharacters } from 'node:util';
import { redact } from '../../common/redact.ts';
import type { Check, RunKind, Status } from '../run-result.ts';
import { parseBlocked } from './blocked-error.ts';
import type { CheckMeta } from './check-meta.ts';
import { DEFAULT_CATEGORY } from './project-kinds.ts';

/** The parts of vitest's TestCase this module needs, so it can be unit-tested with plain objects. */
export interface TestCaseLike {
  name: string;
  fullName: string;
  module: { moduleId: string };
  meta(): { check?: CheckMeta };
  result():
    | { state: 'passed' | 'pending' }
    | { state: 'failed'; errors: ReadonlyArray<{ message?: string; name?: string }> }
    | { state: 'skipped'; note: string | undefined };
  diagnostic(): { duration: number } | undefined;
}

const MAX_MESSAGE = 600;

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/** A failure's first line(s), without colours or secrets, short enough for a table cell. */
export function failureMessage(errors: ReadonlyArray<{ message?: string; name?: string }>): string {
  const first = errors[0];
  const text = stripVTControlCharacters(first?.message ?? 'failed without a message').trim();
  // Redacted before it is cut, so the cut cannot leave part of a secret behind.
  const clean = redact(text);
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}

export function testCaseToCheck(kind: RunKind, test: TestCaseLike): Check {
  const meta = test.meta().check;
  const result = test.result();
  const file =
    test.module.moduleId
      .split('/')
      .pop()
      ?.replace(/\.(spec|test)\.ts$/, '') ?? 'suite';
  let status: Status;
  let message: string | undefined;
  let blockedBy: string | undefined;
  switch (result.state) {
    case 'passed':
      status = meta?.warning ? 'warn' : 'pass';
      if (meta?.warning) message = redact(meta.warning);
      break;
    case 'failed': {
      const blocked = parseBlocked(result.errors[0]);
      if (blocked) {
        status = 'blocked';
        blockedBy = blocked.blockedBy;
        message = failureMessage([{ message: blocked.reason }]);
        break;
      }
      // A harness misconfiguration means the check never ran: that is an error, not a failed target.
      status = result.errors.some((e) => e.name === 'HarnessError') ? 'error' : 'fail';
      message = failureMessage(result.errors);
      break;
    }
    case 'skipped':
      status = 'skip';
      message = result.note ? redact(result.note) : 'not run (filtered out or skipped)';
      break;
    default:
      // Only an interrupted run leaves a test unfinished; an interrupt says nothing about the target.
      status = 'skip';
      message = 'the test never finished (run interrupted)';
  }
  return {
    id: meta?.id ?? `${kind}.${slug(file)}.${slug(test.name)}`,
    title: meta?.title ?? test.fullName,
    category: meta?.category ?? DEFAULT_CATEGORY[kind],
    severity: meta?.severity ?? 'major',
    status,
    ...(meta?.measured ? { measured: meta.measured } : {}),
    ...(message ? { message } : {}),
    ...(meta?.evidence ? { evidence: meta.evidence } : {}),
    ...(blockedBy ? { blockedBy } : {}),
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
}
