import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import { CATEGORIES, STATUSES, type Category, type RunResult, type Status } from '../run-result.ts';
import type { CategoryScore, RunSummary, Scorecard, ScoredCheck, Verdict } from './scorecard.ts';

/** What happened around the results, beyond what they say themselves. */
export interface ScoringCircumstances {
  /** Result files that exist but were refused (corrupt, implausible): their evidence is missing. */
  rejected?: readonly string[];
  /** Set when the run that produced these results was interrupted: e.g. "SIGINT during smoke". */
  interruption?: string;
}

export interface LoadedResult {
  path: string;
  result: RunResult;
}

/**
 * How much a status earns; skip and the absence of evidence earn nothing and count nothing.
 * A blocked check counts as not shown to work, like its root cause.
 */
const STATUS_CREDIT: Record<Status, number | null> = { pass: 1, warn: 0.5, fail: 0, error: 0, blocked: 0, skip: null };

function emptyCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

/** Clock skew tolerated between the machine that wrote a result and this one. */
const FUTURE_SKEW_HOURS = 5 / 60;

/**
 * Profile bounds keep every weight finite and small, so a score is always a finite number
 * between 0 and 100. Anything else is a bug in this module, never a verdict to act on.
 */
function assertScore(what: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new Error(`internal error: ${what} computed as ${value}; refusing to give a verdict`);
  }
  return value;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Pure: results + profile + clock → scorecard. Missing or stale evidence is never
 * a pass: a required category without evaluated checks makes the verdict incomplete.
 */
export function computeScorecard(
  loaded: readonly LoadedResult[],
  profile: Profile,
  now: Date,
  circumstances: ScoringCircumstances = {},
): Scorecard {
  const { rejected = [], interruption } = circumstances;
  const { gate } = profile;
  const runs: RunSummary[] = [];
  const checks: ScoredCheck[] = [];
  let target = profile.target.baseUrl ?? '';

  for (const { path, result } of loaded) {
    const ageHours = (now.getTime() - Date.parse(result.finishedAt)) / 3_600_000;
    // Evidence from the future is never fresh: it would otherwise never go stale.
    const fresh = ageHours >= -FUTURE_SKEW_HOURS && ageHours <= (profile.freshnessHours[result.kind] ?? 0);
    runs.push({
      kind: result.kind,
      path,
      startedAt: result.startedAt,
      finishedAt: result.finishedAt,
      tool: `${result.tool.name} ${result.tool.version}`,
      fresh,
      ageHours: round1(ageHours),
      ...(result.aborted ? { aborted: result.aborted.reason } : {}),
    });
    if (!fresh) continue;
    target ||= result.target;
    for (const check of result.checks) checks.push({ ...check, kind: result.kind, source: path });
  }

  const categories: CategoryScore[] = CATEGORIES.map((category) => {
    const counts = emptyCounts();
    let earned = 0;
    let possible = 0;
    for (const check of checks.filter((c) => c.category === category)) {
      counts[check.status] += 1;
      const credit = STATUS_CREDIT[check.status];
      if (credit === null) continue;
      const weight = gate.severityWeights[check.severity];
      earned += credit * weight;
      possible += weight;
    }
    return {
      category,
      score: possible > 0 ? assertScore(`${category} score`, round1((earned / possible) * 100)) : null,
      weight: gate.weights[category] ?? 0,
      required: gate.requiredCategories.includes(category),
      counts,
    };
  });

  const scored = categories.filter((c) => c.score !== null && c.weight > 0);
  const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0);
  const score = assertScore(
    'overall score',
    totalWeight > 0 ? round1(scored.reduce((sum, c) => sum + (c.score ?? 0) * c.weight, 0) / totalWeight) : 0,
  );

  const reasons: string[] = [];
  const criticalFailures = checks.filter((c) => c.severity === 'critical' && (c.status === 'fail' || c.status === 'error'));
  for (const failure of criticalFailures) {
    const blocked = checks.filter((c) => c.blockedBy === failure.id).length;
    const dependents = blocked > 0 ? ` (${blocked} dependent check${blocked === 1 ? '' : 's'} blocked)` : '';
    reasons.push(
      `critical check ${failure.id} ${failure.status === 'error' ? 'could not run' : 'failed'}${dependents}: ${failure.message ?? failure.title}`,
    );
  }
  if (scored.length > 0 && score < gate.minimumScore) {
    reasons.push(`score ${score} is below the minimum ${gate.minimumScore} (gate.minimumScore)`);
  }
  const missing: Category[] = categories.filter((c) => c.required && c.score === null).map((c) => c.category);
  for (const category of missing) {
    const stale = runs.some((r) => !r.fresh);
    reasons.push(
      `required category ${category} has no evaluated checks${stale ? ' (stale results are ignored)' : ''}: run its suite`,
    );
  }
  for (const run of runs.filter((r) => r.aborted)) reasons.push(`${run.kind} run was aborted: ${run.aborted ?? ''}`);
  for (const problem of rejected) reasons.push(`refused as evidence: ${problem}`);

  let verdict: Verdict;
  if (interruption) {
    // Not a judgement of the release: nobody let the run finish. First, so nobody reads past it.
    reasons.unshift(`the run was interrupted (${interruption}): this is no verdict on the release; run it again to completion`);
  }
  const criticalBlocked = checks.some((c) => c.severity === 'critical' && c.status === 'blocked');
  if (criticalFailures.length > 0 || criticalBlocked || (scored.length > 0 && score < gate.minimumScore)) verdict = 'not-ready';
  else if (missing.length > 0 || scored.length === 0 || rejected.length > 0 || runs.some((r) => r.aborted && r.fresh)) {
    verdict = 'incomplete';
  }
  else verdict = 'ready';
  // An interrupted run can still show a real failure, but it can never be ready.
  if (interruption && verdict !== 'not-ready') verdict = 'interrupted';
  if (verdict === 'ready') reasons.push(`score ${score} meets the minimum ${gate.minimumScore} and no critical check failed`);

  return {
    environment: profile.name,
    target,
    generatedAt: now.toISOString(),
    verdict,
    score,
    minimumScore: gate.minimumScore,
    reasons,
    categories,
    runs,
    checks,
  };
}
