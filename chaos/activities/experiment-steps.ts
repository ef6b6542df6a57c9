import {
  FIS_LAMBDA_TARGET_KEY,
  isFinalExperimentStatus,
  FIS_LAMBDA_TARGET_TYPE,
  type FisExperimentDefinition,
} from '../../common/aws-shapes/fis.ts';
import type { Action, Drill } from '../model/drill-schema.ts';
import type { FaultInjector } from '../ports/fault-injector.ts';
import type { StepOutcome } from '../engine/step-executor.ts';
import { journalExperiment } from '../engine/journal-changes.ts';
import { mark, resolveVersion, type DrillContext } from './drill-context.ts';
import { waitUntil } from './wait-until.ts';

type StartExperimentStep = Extract<Action, { run: 'start-experiment' }>;

/** The FIS experiment a `start-experiment` step describes; `skip-all` is FIS's own dry run. */
export function experimentDefinition(
  drill: Drill,
  step: StartExperimentStep,
  version: string | undefined,
  dryRun: boolean,
): FisExperimentDefinition {
  return {
    description: `${drill.name}: ${step.name}`,
    actions: {
      fault: {
        actionId: step.actionId,
        description: step.name,
        parameters: step.parameters,
        targets: { [FIS_LAMBDA_TARGET_KEY]: 'drillFunction' },
      },
    },
    targets: {
      drillFunction: {
        resourceType: FIS_LAMBDA_TARGET_TYPE,
        resourceArns: [version ? `${drill.function}:${version}` : drill.function],
        selectionMode: 'ALL',
      },
    },
    stopConditions: step.stopOnAlarm
      ? [{ source: 'aws:cloudwatch:alarm', value: step.stopOnAlarm }]
      : [{ source: 'none' }],
    ...(dryRun ? { experimentOptions: { actionsMode: 'skip-all' } } : {}),
    tags: { 'hasivu:drill': drill.name },
  };
}

export async function startExperiment(
  context: DrillContext,
  step: StartExperimentStep,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { adapters, journal } = context;
  const version = step.version ? resolveVersion(context, step.version) : undefined;
  const experiment = await adapters.injector.start(experimentDefinition(context.drill, step, version, false), signal);
  // The id goes on disk before anything else can fail: whatever happens next, it gets stopped.
  journalExperiment(journal.journal, experiment.id);
  mark(context, 'faultStartedAt');
  await journal.flush();
  return { ok: true, output: { id: experiment.id, state: experiment.state } };
}

/** Polls the injector until the experiment is in a final state, and says which one. */
export function experimentEnd(
  injector: FaultInjector,
  id: string,
  signal: AbortSignal,
  label = 'experiment',
): Promise<string> {
  return waitUntil(
    `${label} ${id} to end`,
    async () => {
      const { state } = await injector.get(id, signal);
      return isFinalExperimentStatus(state.status) ? state.status : undefined;
    },
    { timeoutMs: 10_000, signal },
  );
}

/** Rollback: stops every experiment this drill started and waits until none of them runs. */
export async function stopExperiments(context: DrillContext, signal: AbortSignal): Promise<StepOutcome> {
  const { adapters, journal } = context;
  for (const experiment of journal.journal.experiments) {
    const current = await adapters.injector.get(experiment.id, signal);
    if (!isFinalExperimentStatus(current.state.status)) await adapters.injector.stop(experiment.id, signal);
  }
  for (const experiment of journal.journal.experiments) {
    experiment.finalState = await experimentEnd(adapters.injector, experiment.id, signal);
  }
  await journal.flush();
  return { ok: true, output: Object.fromEntries(journal.journal.experiments.map((e) => [e.id, e.finalState])) };
}
