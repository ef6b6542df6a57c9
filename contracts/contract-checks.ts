import { redact } from '../common/redact.ts';
import type { Check, Status } from '../reports/run-result.ts';
import type { PlannedInteraction } from './pact-file.ts';
import { durationMs, type InteractionMismatch, type InteractionResult } from './provider/verifier-output.ts';
import type { VerificationRun } from './provider/verify-provider.ts';

const MAX_MESSAGE = 700;

export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export const interactionCheckId = (consumer: string, description: string): string =>
  `contract.${slug(consumer)}.${slug(description)}`;

function keysOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const keys: unknown = JSON.parse(value);
    return Array.isArray(keys) ? keys.join(', ') : undefined;
  } catch {
    return undefined;
  }
}

/** The verifier's mismatches in one line a person can act on. */
export function describeMismatch(mismatch: InteractionMismatch | undefined): string {
  if (!mismatch) return 'the verifier gave no details';
  if (mismatch.message) return mismatch.message;
  // Status first: "expected 201 but was 404" explains the body differences that follow it.
  const order = (type: string) => ['StatusMismatch', 'HeaderMismatch', 'BodyMismatch'].indexOf(type) >>> 0;
  const sorted = [...(mismatch.mismatches ?? [])].sort((a, b) => order(a.type) - order(b.type));
  const parts = sorted.map((problem) => {
    const what =
      problem.mismatch ?? `expected ${JSON.stringify(problem.expected)} but got ${JSON.stringify(problem.actual)}`;
    if (problem.type === 'StatusMismatch') return `status: ${what}`;
    if (problem.type === 'HeaderMismatch') return `header ${problem.key ?? ''}: ${what}`;
    if (problem.type === 'BodyMismatch') {
      // For a renamed field the interesting part is what the provider sent instead.
      const actual = /missing the following keys/.test(what) ? keysOf(problem.actual) : undefined;
      return `body ${problem.path ?? '$'}: ${what}${actual ? ` (the response has: ${actual})` : ''}`;
    }
    return `${problem.type}${problem.path ? ` ${problem.path}` : ''}: ${what}`;
  });
  return parts.length > 0 ? parts.join('; ') : mismatch.type;
}

const clip = (text: string): string => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text);

interface Verdict {
  status: Status;
  message?: string;
}

function verdictFor(result: InteractionResult, run: VerificationRun): Verdict {
  const who = `${result.consumer}'s "${result.description}"`;
  const skipped = result.providerStates.find((s) => run.unavailable[s]);
  if (skipped)
    return {
      status: 'skip',
      message: `${who} was not verified: state "${skipped}" ${run.unavailable[skipped]}`,
    };
  const unknown = result.providerStates.find((s) => !run.knownStates.includes(s));
  if (unknown) {
    return {
      status: 'error',
      message: `${who} names provider state "${unknown}", which this harness cannot set up; add it to contracts/provider/state-setups.ts`,
    };
  }
  if (result.result === 'OK') return { status: 'pass' };
  const brokenState = result.providerStates.find((s) => run.failed[s]);
  if (brokenState) {
    return {
      status: 'error',
      message: `${who} could not run: setting up "${brokenState}" failed: ${run.failed[brokenState]}`,
    };
  }
  // A pending pact (new on the broker) informs but does not block, as Pact intends.
  return {
    status: result.pending ? 'warn' : 'fail',
    message: `${who} broke${result.pending ? ' (pending pact)' : ''}: ${describeMismatch(result.mismatch)}`,
  };
}

export interface ChecksInput {
  run: VerificationRun;
  /** Interactions read from the local pact files; empty when the pacts come from a broker. */
  planned: PlannedInteraction[];
  /** Evidence for one consumer's interactions: its pact file (or broker URL) and the verifier log. */
  evidence: (consumer: string) => string[];
}

/**
 * One check per interaction. A state this environment cannot reach makes its
 * interactions `skip`, never `pass`; an interaction that could not run is `error`.
 */
export function interactionChecks({ run, planned, evidence }: ChecksInput): Check[] {
  const reported = new Set<string>();
  const checks: Check[] = (run.output?.interactionResults ?? []).map((result) => {
    const id = interactionCheckId(result.consumer, result.description);
    reported.add(id);
    const verdict = verdictFor(result, run);
    return {
      id,
      title: `${result.consumer}: ${result.description}`,
      category: 'contract',
      severity: 'critical',
      status: verdict.status,
      ...(verdict.message ? { message: clip(redact(verdict.message)) } : {}),
      evidence: evidence(result.consumer),
      durationMs: durationMs(result.duration),
    };
  });
  for (const plan of planned) {
    const id = interactionCheckId(plan.consumer, plan.description);
    if (reported.has(id)) continue;
    const why = run.crash
      ? `the verification did not complete: ${run.crash}`
      : 'the verifier reported no result for it';
    checks.push({
      id,
      title: `${plan.consumer}: ${plan.description}`,
      category: 'contract',
      severity: 'critical',
      status: 'error',
      message: clip(redact(`${plan.consumer}'s "${plan.description}" was not verified: ${why}`)),
      evidence: evidence(plan.consumer),
      durationMs: 0,
    });
  }
  return checks;
}
