import type { FisExperiment, FisExperimentDefinition } from '../../common/aws-shapes/fis.ts';

/**
 * Starts and stops fault experiments in FIS's own terms. Two implementations: `local` (the
 * reference platform's control API) and `fis` (@aws-sdk/client-fis). A drill never knows which.
 */
export interface FaultInjector {
  /** `local` or `fis`: written into the journal so evidence says where faults came from. */
  readonly name: string;
  /**
   * Starts an experiment and returns it as soon as it has an id, so the caller can journal
   * the id before anything else can fail. `actionsMode: 'skip-all'` is a dry run.
   */
  start(definition: FisExperimentDefinition, signal: AbortSignal): Promise<FisExperiment>;
  /**
   * The dry run, where starting even a `skip-all` experiment would leave something behind
   * (FIS: a template on the account): checks what `start` would use, starts nothing, and
   * says what it checked. Without it, a dry run starts the experiment with `skip-all`.
   */
  plan?(definition: FisExperimentDefinition, signal: AbortSignal): Promise<string>;
  get(id: string, signal: AbortSignal): Promise<FisExperiment>;
  /** Idempotent: stopping an experiment that already ended returns it unchanged. */
  stop(id: string, signal: AbortSignal): Promise<FisExperiment>;
  /** Every experiment the injector can see, for the "nothing left running" check. */
  list(signal: AbortSignal): Promise<FisExperiment[]>;
}
