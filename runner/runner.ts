import type { ParseArgsOptionsConfig } from 'node:util';
import type { ResolvedEnvironment } from '../fixtures/environments/resolve-profile.ts';
import type { RunKind, RunResult } from '../reports/run-result.ts';
import type { Target } from './target.ts';

export interface RunContext {
  environment: ResolvedEnvironment;
  target: Target;
  /** Arguments after `run <kind>` that the CLI did not consume itself (e.g. --scenario sla). */
  args: string[];
  /** Progress lines for the person watching; already redacted by the caller. */
  log: (line: string) => void;
  /** Aborted on SIGINT or the run's deadline; runners stop their tools and still write a result. */
  signal: AbortSignal;
}

/**
 * One kind of run. A runner writes its RunResult to
 * `<reportsDir>/results/<kind>.json` (reports/run-result-files.ts) and returns it.
 */
export interface Runner {
  kind: RunKind;
  /** One line for `--help`. */
  summary: string;
  /** The runner's own usage text, printed by `run <kind> --help` and quoted by its usage errors. */
  usage?: string;
  /**
   * The runner's own options, in node:util parseArgs form. `run <kind>` parses them strictly
   * together with --env and --help, so a typo fails before anything starts.
   */
  options?: ParseArgsOptionsConfig;
  /**
   * False for runners that bring their own platform (integration): `run <kind>` then starts
   * no target for them, and `context.target.baseUrl` is empty.
   */
  needsTarget?: boolean;
  /**
   * Throws a HarnessError for arguments this runner does not accept. Called before
   * the target is acquired, so a typo costs nothing.
   */
  checkArgs?(args: string[]): void;
  /**
   * Throws a HarnessError when this runner must not touch the environment's target at all
   * (load on a production profile without its override). Called before the target is
   * acquired or probed, so a refused target receives nothing, not even a /health request.
   */
  guardTarget?(environment: ResolvedEnvironment, args: string[]): void;
  run(context: RunContext): Promise<RunResult>;
  /**
   * A mode of the runner that needs no target and writes no RunResult (chaos: `--emit`,
   * `--cleanup`). Given the runner's arguments, returns the mode when they ask for one; it runs
   * after the profile resolves (base URL optional) and returns the exit code.
   */
  offlineMode?(
    args: string[],
  ): ((environment: ResolvedEnvironment, log: (line: string) => void) => Promise<number>) | undefined;
}
