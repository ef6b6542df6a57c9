import { setTimeout as delay } from 'node:timers/promises';
import { isFinalExperimentStatus, type FisExperiment } from '../../../../common/aws-shapes/fis.ts';
import { HarnessError } from '../../../../common/harness-error.ts';
import type { FaultInjector } from '../../../ports/fault-injector.ts';

export interface AwaitExperimentOptions {
  timeoutMs: number;
  /** FIS updates state every few seconds; polling faster only spends API quota. */
  intervalMs?: number;
  signal: AbortSignal;
  /** Called on every state change, e.g. to journal it. */
  onState?: (experiment: FisExperiment) => void;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Polls `GetExperiment` until the experiment reaches a final state (any state outside the
 * known list that FIS later adds is treated as not final, so the deadline still bounds it).
 * Errors are not swallowed: an access-denied on the second poll fails at once.
 */
export async function awaitExperimentEnd(
  injector: FaultInjector,
  id: string,
  options: AwaitExperimentOptions,
): Promise<FisExperiment> {
  const sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  const deadline = Date.now() + options.timeoutMs;
  let last: string | undefined;
  for (;;) {
    const experiment = await injector.get(id, options.signal);
    if (experiment.state.status !== last) {
      last = experiment.state.status;
      options.onState?.(experiment);
    }
    if (isFinalExperimentStatus(experiment.state.status)) return experiment;
    if (Date.now() >= deadline) {
      throw new HarnessError(
        'FIS_EXPERIMENT_TIMEOUT',
        `FIS experiment ${id} was still ${experiment.state.status} after ${options.timeoutMs} ms; it is stopped by the drill's rollbacks`,
      );
    }
    await sleep(Math.min(options.intervalMs ?? 5_000, Math.max(0, deadline - Date.now())), options.signal);
  }
}

export type ExperimentEnding =
  'completed' | 'stopped-by-stop-condition' | 'stopped-on-request' | 'failed' | 'cancelled' | 'other';

export interface ExperimentOutcome {
  ending: ExperimentEnding;
  /** One line for the journal and the check's message; quotes FIS's reason and error. */
  message: string;
}

/**
 * Why an experiment ended. FIS reports a fired stop condition as `stopped` with a reason that
 * names the stop condition; a stop the harness asked for is `stopped` too, told apart by
 * `stopRequested`.
 */
export function experimentOutcome(experiment: FisExperiment, stopRequested: boolean): ExperimentOutcome {
  const { status, reason, error } = experiment.state;
  const because = reason ? `: ${reason}` : '';
  switch (status) {
    case 'completed':
      return { ending: 'completed', message: `experiment ${experiment.id} completed${because}` };
    case 'failed': {
      const details = error
        ? ` (error ${[
            error.code,
            error.location && `at ${error.location}`,
            error.accountId && `in account ${error.accountId}`,
          ]
            .filter(Boolean)
            .join(' ')})`
        : '';
      return {
        ending: 'failed',
        message: `experiment ${experiment.id} failed${because}${details}`,
      };
    }
    case 'cancelled':
      return {
        ending: 'cancelled',
        message: `experiment ${experiment.id} was cancelled${because}`,
      };
    case 'stopped':
      return !stopRequested || /stop condition/i.test(reason ?? '')
        ? {
            ending: 'stopped-by-stop-condition',
            message: `experiment ${experiment.id} stopped by its stop condition${because}`,
          }
        : {
            ending: 'stopped-on-request',
            message: `experiment ${experiment.id} stopped on request${because}`,
          };
    default:
      return {
        ending: 'other',
        message: `experiment ${experiment.id} ended in state ${status}${because}`,
      };
  }
}
