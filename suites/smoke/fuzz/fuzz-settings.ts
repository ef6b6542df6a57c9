import { HarnessError } from '../../../common/harness-error.ts';

export interface FuzzSettings {
  /** fast-check seed: the same seed against the same target sends the same requests. */
  seed: number;
  /** Generated requests per operation at most. */
  runsPerOperation: number;
  /** The whole fuzz step's time budget, shared by the operations. */
  budgetMs: number;
}

export const FUZZ_DEFAULTS: FuzzSettings = {
  seed: 20_261_201,
  runsPerOperation: 200,
  // Part of every smoke run: about 15 s of generated requests, shared by the operations.
  budgetMs: 15_000,
};

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new HarnessError('INVALID_FUZZ_SETTING', `${name}="${raw}" must be a positive integer (default ${fallback})`);
  }
  return value;
}

/** HARNESS_FUZZ_SEED, HARNESS_FUZZ_RUNS and HARNESS_FUZZ_BUDGET_MS, each with its default. */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  return {
    seed: positiveInt(env, 'HARNESS_FUZZ_SEED', FUZZ_DEFAULTS.seed),
    runsPerOperation: positiveInt(env, 'HARNESS_FUZZ_RUNS', FUZZ_DEFAULTS.runsPerOperation),
    budgetMs: positiveInt(env, 'HARNESS_FUZZ_BUDGET_MS', FUZZ_DEFAULTS.budgetMs),
  };
}
