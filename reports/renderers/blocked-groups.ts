import type { ScoredCheck } from '../scorecard/scorecard.ts';

export interface ShownChecks {
  /** Every check except those blocked by a check that is shown: each root cause once. */
  shown: ScoredCheck[];
  /** Root-cause id → the checks it blocked. */
  blockedBy: Map<string, ScoredCheck[]>;
}

/**
 * Renderers show a root cause once with the count of its blocked dependents, never each
 * dependent repeating its message. A blocked check whose root cause is not in the scorecard
 * is shown on its own, so nothing disappears.
 */
export function groupBlocked(checks: readonly ScoredCheck[]): ShownChecks {
  const ids = new Set(checks.map((c) => c.id));
  const blockedBy = new Map<string, ScoredCheck[]>();
  const shown: ScoredCheck[] = [];
  for (const check of checks) {
    if (check.status === 'blocked' && check.blockedBy && ids.has(check.blockedBy)) {
      blockedBy.set(check.blockedBy, [...(blockedBy.get(check.blockedBy) ?? []), check]);
    } else {
      shown.push(check);
    }
  }
  return { shown, blockedBy };
}

export function blockedNote(dependents: readonly ScoredCheck[] | undefined): string {
  if (!dependents?.length) return '';
  return `${dependents.length} dependent check${dependents.length === 1 ? '' : 's'} blocked: ${dependents.map((c) => c.id).join(', ')}`;
}
