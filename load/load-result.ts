import type { RunContext } from '../runner/runner.ts';
import type { Check, RunResult, Status } from '../reports/run-result.ts';

export interface ResultBase {
  context: RunContext;
  startedAt: Date;
  k6Version: string;
}

export function loadResult(base: ResultBase, checks: Check[], aborted?: string): RunResult {
  return {
    kind: 'load',
    environment: base.context.environment.profile.name,
    target: base.context.target.baseUrl,
    startedAt: base.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    tool: { name: 'k6', version: base.k6Version },
    checks,
    ...(aborted ? { aborted: { reason: aborted } } : {}),
  };
}

/**
 * The one check written when the load run could not produce thresholds at all.
 * `skip` means "not evaluated" to the scorecard (k6 missing: the performance
 * category is then incomplete); `error` means it tried and broke.
 */
export function runCheck(
  scenario: string,
  status: Extract<Status, 'skip' | 'error'>,
  message: string,
  base: ResultBase,
  evidence: string[] = [],
): Check {
  // A run broken by the person's own interrupt says nothing about the target: not evaluated.
  const interrupted = status === 'error' && base.context.signal.aborted;
  return {
    id: `load.${scenario}.run`,
    title: `k6 ran the ${scenario} scenario`,
    category: 'performance',
    severity: 'critical',
    status: interrupted ? 'skip' : status,
    message: interrupted ? `not evaluated, the run was interrupted: ${message}` : message,
    ...(evidence.length > 0 ? { evidence } : {}),
    durationMs: Date.now() - base.startedAt.getTime(),
  };
}
