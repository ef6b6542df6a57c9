import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { Check, RunResult, Severity, Status } from '../run-result.ts';
import type { AllureAttachment, AllureStatus, AllureTestResult } from './allure-result.ts';

/** One evidence file to copy next to the results, under the name the result refers to. */
export interface AttachmentCopy {
  /** The evidence entry as the check recorded it (a path). */
  evidence: string;
  /** File name inside the allure-results directory. */
  source: string;
}

export interface ConvertedRun {
  results: AllureTestResult[];
  attachments: AttachmentCopy[];
}

/** Allure has no `warn` or `blocked`: a warning passes with its message, a blocked check is skipped with its cause. */
const STATUS: Record<Status, AllureStatus> = {
  pass: 'passed',
  warn: 'passed',
  fail: 'failed',
  error: 'broken',
  skip: 'skipped',
  blocked: 'skipped',
};

const SEVERITY: Record<Severity, string> = {
  critical: 'critical',
  major: 'normal',
  minor: 'minor',
};

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.html': 'text/html',
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.xml': 'application/xml',
};

function uuidFrom(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function isUrl(evidence: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(evidence);
}

function statusMessage(check: Check): string | undefined {
  if (check.status === 'blocked')
    return `blocked by ${check.blockedBy ?? 'an earlier failure'}${check.message ? `: ${check.message}` : ''}`;
  if (check.status === 'warn') return `warning: ${check.message ?? check.title}`;
  return check.message;
}

function convertCheck(result: RunResult, check: Check, copies: AttachmentCopy[]): AllureTestResult {
  // Stable per run and check: converting the same result twice overwrites, never duplicates.
  const uuid = uuidFrom(result.kind, result.startedAt, check.id);
  const stop = Date.parse(result.finishedAt);
  const attachments: AllureAttachment[] = [];
  const links: AllureTestResult['links'] = [];
  (check.evidence ?? []).forEach((evidence, index) => {
    if (isUrl(evidence)) {
      links.push({ name: evidence, url: evidence, type: 'link' });
      return;
    }
    const ext = extname(evidence).toLowerCase();
    const source = `${uuidFrom(uuid, String(index))}-attachment${ext}`;
    attachments.push({
      name: evidence.split('/').pop() ?? evidence,
      source,
      type: MIME[ext] ?? 'application/octet-stream',
    });
    copies.push({ evidence, source });
  });
  const message = statusMessage(check);
  return {
    uuid,
    historyId: md5(`${result.kind}:${check.id}`),
    testCaseId: md5(check.id),
    fullName: check.id,
    name: check.title,
    status: STATUS[check.status],
    statusDetails: message ? { message } : {},
    stage: 'finished',
    start: Math.max(Date.parse(result.startedAt), stop - check.durationMs),
    stop,
    labels: [
      { name: 'parentSuite', value: result.environment },
      { name: 'suite', value: result.kind },
      { name: 'subSuite', value: check.category },
      { name: 'feature', value: check.category },
      { name: 'severity', value: SEVERITY[check.severity] },
      { name: 'framework', value: result.tool.name },
      { name: 'tag', value: check.severity },
      { name: 'host', value: result.target },
    ],
    parameters: check.measured
      ? [
          {
            name: 'measured',
            value: `${check.measured.value} ${check.measured.unit}${check.measured.target ? ` (target ${check.measured.target})` : ''}`,
          },
        ]
      : [],
    links,
    attachments,
    steps: [],
  };
}

/**
 * Pure: a RunResult from a tool without an Allure integration of its own (k6, the Pact
 * verifier, the drill engine) → Allure results, one per check, and the evidence files to
 * copy beside them as attachments.
 */
export function runResultToAllure(result: RunResult): ConvertedRun {
  const attachments: AttachmentCopy[] = [];
  const results = result.checks.map((check) => convertCheck(result, check, attachments));
  return { results, attachments };
}
