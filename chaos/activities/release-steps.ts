import { isFinalDeploymentStatus } from '../../common/aws-shapes/codedeploy.ts';
import type { Action } from '../model/drill-schema.ts';
import type { StepOutcome } from '../engine/step-executor.ts';
import { journalDeployment } from '../engine/journal-changes.ts';
import { mark, resolveVersion, type DrillContext } from './drill-context.ts';

type Step<R extends Action['run']> = Extract<Action, { run: R }>;

export async function publishVersion(
  context: DrillContext,
  step: Step<'publish-version'>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { drill, adapters, journal } = context;
  const version = await adapters.controller.publishVersion(
    drill.function,
    {
      description: step.description ?? `${drill.name} drill`,
      ...(step.behaviour ? { behaviour: step.behaviour } : {}),
    },
    signal,
  );
  journal.journal.versions.canary = version.Version;
  await journal.flush();
  return {
    ok: true,
    output: {
      FunctionName: version.FunctionName,
      Version: version.Version,
      ReleaseBehaviour: version.ReleaseBehaviour,
    },
  };
}

export async function startDeployment(
  context: DrillContext,
  step: Step<'start-deployment'>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { drill, adapters, journal } = context;
  const current = resolveVersion(context, '$previous');
  const target = resolveVersion(context, step.version);
  const { deploymentId } = await adapters.controller.createDeployment(
    {
      functionName: drill.function,
      alias: drill.alias,
      currentVersion: current,
      targetVersion: target,
      deploymentConfigName: `HasivuDrill.Canary${step.canaryPercentage}Percent${step.canaryInterval}Minutes`,
      trafficRoutingConfig: {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: step.canaryPercentage, canaryInterval: step.canaryInterval },
      },
      autoRollbackConfiguration: {
        enabled: step.autoRollback,
        events: step.autoRollback ? ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] : [],
      },
      alarmConfiguration: { enabled: step.alarms.length > 0, alarms: step.alarms.map((name) => ({ name })) },
    },
    signal,
  );
  // Journaled before anything else can fail: a rollback must know what to stop.
  journalDeployment(journal.journal, deploymentId);
  if (journal.journal.versions.canary && context.drill.method.some((s) => s.run === 'publish-version' && s.behaviour)) {
    mark(context, 'faultStartedAt');
  }
  await journal.flush();
  return { ok: true, output: { deploymentId, from: current, to: target } };
}

/** Rollback: stops every deployment of this drill that has not ended, asking CodeDeploy to shift traffic back. */
export async function stopDeployments(context: DrillContext, signal: AbortSignal): Promise<StepOutcome> {
  const { adapters, journal } = context;
  const outcomes: Record<string, string> = {};
  for (const deployment of journal.journal.deployments) {
    const info = await adapters.observer.getDeployment(deployment.id, signal);
    if (isFinalDeploymentStatus(info.status)) {
      outcomes[deployment.id] = `already ${info.status}`;
    } else {
      await adapters.controller.stopDeployment(deployment.id, true, signal);
      outcomes[deployment.id] = `was ${info.status}; stop requested with rollback`;
    }
    deployment.finalStatus = (await adapters.observer.getDeployment(deployment.id, signal)).status;
  }
  await journal.flush();
  return { ok: true, output: outcomes };
}

/**
 * Rollback of last resort: the alias on one version with no extra weight, whatever the
 * deployment did. A drill leaves the platform as it found it, even after a promotion.
 */
export async function restoreAlias(
  context: DrillContext,
  step: Step<'restore-alias'>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { drill, adapters } = context;
  const version = resolveVersion(context, step.version);
  const alias = await adapters.observer.getAlias(drill.function, drill.alias, signal);
  const weights = alias.RoutingConfig?.AdditionalVersionWeights ?? {};
  if (alias.FunctionVersion === version && Object.keys(weights).length === 0) {
    return { ok: true, output: { alias: alias.FunctionVersion, changed: false } };
  }
  const restored = await adapters.controller.restoreAlias(drill.function, drill.alias, version, signal);
  return { ok: true, output: { before: alias, after: restored, changed: true } };
}
