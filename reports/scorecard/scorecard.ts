import type { DistributionChart } from '../renderers/regression-chart.ts';
import type { Category, Check, Provenance, RunKind } from '../run-result.ts';

/** `interrupted`: the run was stopped (Ctrl-C, SIGTERM) before it finished; no verdict on the release. */
export type Verdict = 'ready' | 'not-ready' | 'incomplete' | 'interrupted';

/** A check as the scorecard shows it: with the run it came from and where its evidence is. */
export interface ScoredCheck extends Check {
  kind: RunKind;
  /** The RunResult file this check was read from. */
  source: string;
}

export interface CategoryScore {
  category: Category;
  /** 0-100, or null when no check of this category was evaluated. */
  score: number | null;
  weight: number;
  required: boolean;
  counts: Record<Check['status'], number>;
}

export interface RunSummary {
  kind: RunKind;
  path: string;
  startedAt: string;
  finishedAt: string;
  tool: string;
  /** False when the result is older than the profile's freshness window; its checks are then ignored. */
  fresh: boolean;
  ageHours: number;
  aborted?: string;
  /** Where it came from: the release it judged, the commit and CI run, the harness version. */
  provenance?: Provenance;
}

export interface HistoryPoint {
  generatedAt: string;
  score: number;
  verdict: Verdict;
}

export interface Scorecard {
  environment: string;
  target: string;
  generatedAt: string;
  verdict: Verdict;
  /** Weighted 0-100 over the evaluated categories. */
  score: number;
  minimumScore: number;
  /** Why the verdict is what it is, one sentence each, most important first. */
  reasons: string[];
  /** The one release all fresh evidence is about, when it names one. */
  releaseId?: string;
  /** Where the scorecard itself was made (commit, CI run, harness version). */
  provenance?: Provenance;
  /** Link to the Allure report, relative to the scorecard's directory, when one was built. */
  allureReport?: string;
  /** Evidence entry or result path → link relative to the scorecard's directory (works from a downloaded artifact). */
  hrefs?: Record<string, string>;
  /** Earlier scorecards (`check --history DIR`), oldest first. */
  history?: HistoryPoint[];
  /** Latency distributions of the endpoints the load regression gate flagged (fail or marginal). */
  regressionCharts?: DistributionChart[];
  categories: CategoryScore[];
  runs: RunSummary[];
  checks: ScoredCheck[];
}
