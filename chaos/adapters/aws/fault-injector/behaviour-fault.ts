import {
  FIS_LAMBDA_TARGET_KEY,
  FIS_LAMBDA_TARGET_TYPE,
  type FisExperimentDefinition,
  type FisLambdaActionId,
  type FisParameters,
} from '../../../../common/aws-shapes/fis.ts';
import type { ReleaseBehaviour } from '../../../../common/aws-shapes/lambda.ts';

/** `PT95S`: an ISO-8601 duration FIS accepts, rounded up to whole seconds. */
export function isoSeconds(ms: number): string {
  return `PT${Math.max(1, Math.ceil(ms / 1000))}S`;
}

/**
 * A local bad release (the `behaviour` knob) as the FIS fault that makes a real version behave
 * the same way: on AWS the canary is a healthy build and FIS breaks that version.
 */
export function behaviourFault(
  behaviour: ReleaseBehaviour | undefined,
  durationMs: number,
): { actionId: FisLambdaActionId; parameters: FisParameters } | undefined {
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

/** The experiment that gives `target` (a function, optionally `:version`) the behaviour. */
export function behaviourExperiment(options: {
  drill: string;
  description: string;
  target: string;
  behaviour: ReleaseBehaviour | undefined;
  durationMs: number;
  stopAlarm: string | undefined;
}): FisExperimentDefinition | undefined {
  const fault = behaviourFault(options.behaviour, options.durationMs);
  if (!fault) return undefined;
  return {
    description: `${options.drill}: ${options.description} (the bad release, made by FIS on AWS)`,
    actions: {
      fault: {
        actionId: fault.actionId,
        description: options.description,
        parameters: fault.parameters,
        targets: { [FIS_LAMBDA_TARGET_KEY]: 'drillFunction' },
      },
    },
    targets: {
      drillFunction: {
        resourceType: FIS_LAMBDA_TARGET_TYPE,
        resourceArns: [options.target],
        selectionMode: 'ALL',
      },
    },
    stopConditions: options.stopAlarm
      ? [{ source: 'aws:cloudwatch:alarm', value: options.stopAlarm }]
      : [{ source: 'none' }],
    tags: { 'hasivu:drill': options.drill },
  };
}
