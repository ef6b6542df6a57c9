import type { Category, Check, RunKind } from '../run-result.ts';

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
  categories: CategoryScore[];
  runs: RunSummary[];
  checks: ScoredCheck[];
}
