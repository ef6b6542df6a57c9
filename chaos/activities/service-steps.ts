import { FIS_SERVICE_ACTION_IDS, FIS_SERVICE_ACTIONS } from '../../common/aws-shapes/fis.ts';
import type { Action } from '../model/drill-schema.ts';
import type { StepOutcome } from '../engine/step-executor.ts';
import { mark, type DrillContext } from './drill-context.ts';

type ServiceStep = Extract<Action, { run: 'stop-service' | 'start-service' }>;

/** Stops or starts the target's Postgres or Redis (idempotent both ways, as the services promise). */
export async function serviceStep(context: DrillContext, step: ServiceStep, signal: AbortSignal): Promise<StepOutcome> {
  const dependencies = context.adapters.dependencies;
  if (!dependencies)
    return {
      ok: false,
      message: `nothing here can ${step.run === 'stop-service' ? 'stop' : 'start'} the target's ${step.service}`,
    };
  const options = { drill: context.drill.name, signal };
  let carried: { experimentId: string; actionId: string } | void = undefined;
  if (step.run === 'stop-service') {
    // The fault starts when the stop is asked for: the service may already refuse while it shuts down.
    mark(context, 'faultStartedAt');
    await context.journal.flush();
    carried = await dependencies.stop(step.service, options);
  } else {
    await dependencies.start(step.service, options);
    if (context.journal.journal.marks.faultStartedAt) mark(context, 'rollbackAt');
  }
  // The journal names the outage as FIS would on AWS, so local and AWS evidence read alike;
  // on AWS (or the platform's FIS endpoint) it also names the experiment that carried it.
  const actionId = FIS_SERVICE_ACTION_IDS.find((id) => FIS_SERVICE_ACTIONS[id].service === step.service);
  return {
    ok: true,
    output: {
      service: step.service,
      done: step.run,
      actionId,
      ...(carried ? { experimentId: carried.experimentId } : {}),
    },
  };
}
