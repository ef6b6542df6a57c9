import {
  FIS_LAMBDA_TARGET_KEY,
  FIS_LAMBDA_TARGET_TYPE,
  type FisExperimentDefinition,
  type FisParameters,
  type FisLambdaActionId,
} from '../../common/aws-shapes/fis.ts';
import { experimentDefinition } from '../activities/experiment-steps.ts';
import type { Action, Drill } from '../model/drill-schema.ts';

type PublishVersion = Extract<Action, { run: 'publish-version' }>;

/** `PT95S`: an ISO-8601 duration FIS accepts, rounded up to whole seconds. */
export function isoSeconds(ms: number): string {
  return `PT${Math.max(1, Math.ceil(ms / 1000))}S`;
}

/**
 * A local bad release (the `behaviour` knob) as the FIS fault that makes a real canary behave
 * the same way: on AWS the canary is a healthy build and FIS breaks its version.
 */
function releaseBehaviourFault(
  step: PublishVersion,
  durationMs: number,
): { actionId: FisLambdaActionId; parameters: FisParameters } | undefined {
  const behaviour = step.behaviour;
  const duration = isoSeconds(durationMs);
  if (behaviour?.statusCode !== undefined) {
    return {
      actionId: 'aws:lambda:invocation-http-integration-response',
      parameters: {
        statusCode: String(behaviour.statusCode),
        contentTypeHeader: 'application/json',
        invocationPercentage: '100',
        duration,
      },
    };
  }
  if (behaviour?.errorRate !== undefined && behaviour.errorRate > 0) {
    return {
      actionId: 'aws:lambda:invocation-error',
      parameters: {
        invocationPercentage: String(Math.round(behaviour.errorRate * 100)),
        preventExecution: 'true',
        duration,
      },
    };
  }
  if (behaviour?.addedLatencyMs !== undefined && behaviour.addedLatencyMs > 0) {
    return {
      actionId: 'aws:lambda:invocation-add-delay',
      parameters: {
        startupDelayMilliseconds: String(behaviour.addedLatencyMs),
        invocationPercentage: '100',
        duration,
      },
    };
  }
  return undefined;
}

function stopAlarm(drill: Drill): string | undefined {
  for (const step of drill.method) {
    if (step.run === 'start-deployment' && step.alarms[0]) return step.alarms[0];
  }
  return undefined;
}

/**
 * The FIS experiments a drill needs on AWS, in the drill's own names: one per
 * `start-experiment` step, and one per bad release (translated by releaseBehaviourFault).
 * Drills with neither (a healthy promotion, service outages) need no template.
 */
export function drillFaultExperiments(drill: Drill): FisExperimentDefinition[] {
  const out: FisExperimentDefinition[] = [];
  for (const step of drill.method) {
    if (step.run === 'start-experiment') {
      out.push(experimentDefinition(drill, step, undefined, false));
    } else if (step.run === 'publish-version') {
      const fault = releaseBehaviourFault(step, drill.deadlineMs);
      if (!fault) continue;
      const alarm = stopAlarm(drill);
      out.push({
        description: `${drill.name}: ${step.description ?? step.name} (the bad canary, made by FIS on AWS)`,
        actions: {
          fault: {
            actionId: fault.actionId,
            description: step.name,
            parameters: fault.parameters,
            targets: { [FIS_LAMBDA_TARGET_KEY]: 'drillFunction' },
          },
        },
        targets: {
          drillFunction: {
            resourceType: FIS_LAMBDA_TARGET_TYPE,
            resourceArns: [drill.function],
            selectionMode: 'ALL',
          },
        },
        stopConditions: alarm
          ? [{ source: 'aws:cloudwatch:alarm', value: alarm }]
          : [{ source: 'none' }],
        tags: { 'hasivu:drill': drill.name },
      });
    }
  }
  return out;
}
