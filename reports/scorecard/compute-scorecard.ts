import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import {
  CATEGORIES,
  NOT_APPLICABLE,
  PROJECT_ADDITION_NOTE,
  RUN_KINDS,
  STATUSES,
  type Category,
  type Provenance,
  type RunKind,
  type RunResult,
  type Status,
} from '../run-result.ts';
import type { CategoryScore, RunSummary, Scorecard, ScoredCheck, Verdict } from './scorecard.ts';

/** What happened around the results, beyond what they say themselves. */
export interface ScoringCircumstances {
  /** Result files that exist but were refused (corrupt, implausible): their evidence is missing. */
  rejected?: readonly string[];
  /** Set when the run that produced these results was interrupted: e.g. "SIGINT during smoke". */
  interruption?: string;
  /** Who and what produced this scorecard (release, commit, CI run). */
  provenance?: Provenance;
}

export interface LoadedResult {
  path: string;
  result: RunResult;
}

/**
 * How much a status earns; skip and the absence of evidence earn nothing and count nothing.
 * A blocked check counts as not shown to work, like its root cause.
 */
const STATUS_CREDIT: Record<Status, number | null> = {
  pass: 1,
  warn: 0.5,
  fail: 0,
  error: 0,
  blocked: 0,
  skip: null,
};

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

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Several directories may hold a result of the same kind (e.g. last night's and last week's): the newest counts. */
export function newestPerKind(loaded: readonly LoadedResult[]): LoadedResult[] {
  const newest = new Map<RunKind, LoadedResult>();
  for (const entry of loaded) {
    const current = newest.get(entry.result.kind);
    if (!current || Date.parse(entry.result.finishedAt) > Date.parse(current.result.finishedAt))
      newest.set(entry.result.kind, entry);
  }
  return RUN_KINDS.flatMap((kind) => newest.get(kind) ?? []);
}

interface FreshEvidence {
  runs: RunSummary[];
  /** The checks of the fresh runs only: stale evidence is listed, never scored. */
  checks: ScoredCheck[];
  target: string;
}

function summariseRuns(loaded: readonly LoadedResult[], profile: Profile, now: Date): FreshEvidence {
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
      ...(result.provenance ? { provenance: result.provenance } : {}),
    });
    if (!fresh) continue;
    target ||= result.target;
    for (const check of result.checks) checks.push({ ...check, kind: result.kind, source: path });
  }
  return { runs, checks, target };
}

function scoreCategories(checks: readonly ScoredCheck[], gate: Profile['gate']): CategoryScore[] {
  return CATEGORIES.map((category) => {
    const counts = emptyCounts();
    let earned = 0;
    let possible = 0;
    for (const check of checks.filter((c) => c.category === category)) {
      counts[check.status] += 1;
      const credit =
        check.message?.startsWith(PROJECT_ADDITION_NOTE) && check.status === 'warn' ? 1 : STATUS_CREDIT[check.status];
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
}

/** The weighted mean of the categories that have a score and a weight. */
function overallScore(scored: readonly CategoryScore[]): number {
  const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0);
  return assertScore(
    'overall score',
    totalWeight > 0 ? round1(scored.reduce((sum, c) => sum + (c.score ?? 0) * c.weight, 0) / totalWeight) : 0,
  );
}

/** What the verdict is decided on, gathered once so the verdict and its reasons read the same facts. */
interface VerdictFacts {
  checks: readonly ScoredCheck[];
  runs: readonly RunSummary[];
  categories: readonly CategoryScore[];
  scored: readonly CategoryScore[];
  score: number;
  minimumScore: number;
  rejected: readonly string[];
  criticalFailures: readonly ScoredCheck[];
  /** The releases the fresh runs judged: more than one is no single verdict. */
  releases: readonly string[];
  missing: readonly Category[];
}

function gatherFacts(
  evidence: FreshEvidence,
  categories: CategoryScore[],
  minimumScore: number,
  rejected: readonly string[],
): VerdictFacts {
  const { checks, runs } = evidence;
  const scored = categories.filter((c) => c.score !== null && c.weight > 0);
  const freshRuns = runs.filter((r) => r.fresh);
  return {
    checks,
    runs,
    categories,
    scored,
    score: overallScore(scored),
    minimumScore,
    rejected,
    criticalFailures: checks.filter((c) => c.severity === 'critical' && (c.status === 'fail' || c.status === 'error')),
    releases: [...new Set(freshRuns.flatMap((r) => (r.provenance?.releaseId ? [r.provenance.releaseId] : [])))],
    missing: categories.filter((c) => c.required && c.score === null).map((c) => c.category),
  };
}

/** Why the release is not (or not yet) ready, in the order a reader should act on them. */
function blockingReasons(facts: VerdictFacts): string[] {
  const { checks, runs, criticalFailures, releases, score, minimumScore } = facts;
  const reasons: string[] = [];
  for (const failure of criticalFailures) {
    const blocked = checks.filter((c) => c.blockedBy === failure.id).length;
    const dependents = blocked > 0 ? ` (${blocked} dependent check${blocked === 1 ? '' : 's'} blocked)` : '';
    reasons.push(
      `critical check ${failure.id} ${failure.status === 'error' ? 'could not run' : 'failed'}${dependents}: ${firstLine(failure.message ?? failure.title)}; next: fix the release or the target, then run ${failure.kind} again`,
    );
  }
  if (releases.length > 1) {
    const about = runs
      .filter((r) => r.fresh && r.provenance?.releaseId)
      .map((r) => `${r.kind} judged ${r.provenance?.releaseId ?? ''}`);
    reasons.push(
      `evidence is about different releases (${about.join(', ')}); next: run the older evidence again against one release`,
    );
  }
  if (facts.scored.length > 0 && score < minimumScore) {
    reasons.push(`score ${score} is below the minimum ${minimumScore} (gate.minimumScore)`);
  }
  const stale = runs.filter((r) => !r.fresh);
  for (const category of facts.missing) {
    const staleNote =
      stale.length > 0 ? ` (stale, ignored: ${stale.map((r) => `${r.kind} ${r.ageHours} h old`).join(', ')})` : '';
    reasons.push(
      `required category ${category} has no evaluated checks${staleNote}; next: run its suite, or pass its evidence with check --results DIR`,
    );
  }
  for (const run of runs.filter((r) => r.aborted))
    reasons.push(`${run.kind} run was aborted: ${run.aborted ?? ''}; next: run ${run.kind} again`);
  for (const problem of facts.rejected) reasons.push(`refused as evidence: ${problem}`);
  return reasons;
}

function decideVerdict(facts: VerdictFacts, interruption: string | undefined): Verdict {
  const { checks, runs, scored, score, minimumScore } = facts;
  const criticalBlocked = checks.some((c) => c.severity === 'critical' && c.status === 'blocked');
  let verdict: Verdict;
  if (facts.criticalFailures.length > 0 || criticalBlocked || (scored.length > 0 && score < minimumScore))
    verdict = 'not-ready';
  else if (
    facts.missing.length > 0 ||
    scored.length === 0 ||
    facts.releases.length > 1 ||
    facts.rejected.length > 0 ||
    runs.some((r) => r.aborted && r.fresh)
  ) {
    verdict = 'incomplete';
  } else verdict = 'ready';
  // An interrupted run can still show a real failure, but it can never be ready.
  if (interruption && verdict !== 'not-ready') verdict = 'interrupted';
  return verdict;
}

/** What did not block the verdict but a person must see before promoting. */
function advisoryReasons(checks: readonly ScoredCheck[]): string[] {
  const reasons: string[] = [];
  const otherFailures = checks.filter(
    (c) => c.severity !== 'critical' && (c.status === 'fail' || c.status === 'error'),
  );
  if (otherFailures.length > 0) {
    reasons.push(
      `${otherFailures.length} non-critical check${otherFailures.length === 1 ? '' : 's'} failed: ${otherFailures.map((c) => `${c.id} [${c.severity}]`).join(', ')}; next: read their evidence before promoting`,
    );
  }
  const skippedCritical = checks.filter((c) => c.severity === 'critical' && c.status === 'skip');
  const inapplicable = skippedCritical.filter((c) => c.message?.startsWith(NOT_APPLICABLE));
  // Only a skip that could have run asks for another run; what does not apply here is said once.
  for (const skipped of skippedCritical.filter((c) => !inapplicable.includes(c))) {
    reasons.push(
      `critical check ${skipped.id} was skipped: ${firstLine(skipped.message ?? 'not run')}; next: give it what it needs and run ${skipped.kind} again`,
    );
  }
  for (const message of new Set(inapplicable.map((c) => firstLine(c.message ?? '')))) {
    const ids = inapplicable.filter((c) => firstLine(c.message ?? '') === message).map((c) => c.id);
    reasons.push(`${ids.join(', ')}: ${message}`);
  }
  return reasons;
}

/**
 * Pure: results + profile + clock → scorecard. Missing or stale evidence is never
 * a pass: a required category without evaluated checks makes the verdict incomplete.
 */
export function computeScorecard(
  all: readonly LoadedResult[],
  profile: Profile,
  now: Date,
  circumstances: ScoringCircumstances = {},
): Scorecard {
  const { rejected = [], interruption, provenance } = circumstances;
  const { gate } = profile;
  const evidence = summariseRuns(newestPerKind(all), profile, now);
  const categories = scoreCategories(evidence.checks, gate);
  const facts = gatherFacts(evidence, categories, gate.minimumScore, rejected);
  const { score, releases } = facts;
  const reasons = blockingReasons(facts);
  if (interruption) {
    // Not a judgement of the release: nobody let the run finish. First, so nobody reads past it.
    reasons.unshift(
      `the run was interrupted (${interruption}): this is no verdict on the release; run it again to completion`,
    );
  }
  const verdict = decideVerdict(facts, interruption);
  if (verdict === 'ready')
    reasons.unshift(`score ${score} meets the minimum ${gate.minimumScore} and no critical check failed`);
  reasons.push(...advisoryReasons(evidence.checks));
  return {
    environment: profile.name,
    target: evidence.target,
    generatedAt: now.toISOString(),
    verdict,
    score,
    minimumScore: gate.minimumScore,
    reasons,
    ...(releases.length === 1 && releases[0] ? { releaseId: releases[0] } : {}),
    ...(provenance ? { provenance } : {}),
    categories,
    runs: evidence.runs,
    checks: evidence.checks,
  };
}
