import { isFinalExperimentStatus } from '../../common/aws-shapes/fis.ts';
import type { StepOutcome } from '../engine/step-executor.ts';
import type { Drill, Probe } from '../model/drill-schema.ts';
import type { DrillContext } from './drill-context.ts';
import { alarmsInAlarm } from './quiet-alarms.ts';
import { ONE_LOOK_MS, waitUntil } from './wait-until.ts';

/** Every alarm a deployment of this drill watches: any of them in ALARM stops the deployment at once. */
export function deploymentAlarms(drill: Drill): string[] {
  return [...new Set(drill.method.flatMap((s) => (s.run === 'start-deployment' ? s.alarms : [])))];
}

/**
 * The precondition every drill that deploys gets before its own steady state: without it, a
 * deployment stopped by an alarm that was already in ALARM, or shifted by a leftover weight,
 * would be blamed on the release.
 */
export function deploymentPreconditions(drill: Drill): Probe[] {
  const deploys = drill.method.some((s) => s.run === 'start-deployment');
  const written = drill.steadyStateHypothesis.probes.some((p) => p.run === 'deployment-ready');
  if (!deploys || written) return [];
  return [
    {
      name: 'the deployment group is quiet: none of its alarms in ALARM, no extra alias weight, no experiment running',
      type: 'probe',
      run: 'deployment-ready',
      timeoutMs: 20_000,
    },
  ];
}

/** Waits (up to the step's timeout) for the world a deployment needs; names what is not steady. */
export async function deploymentReadyProbe(
  context: DrillContext,
  step: Extract<Probe, { run: 'deployment-ready' }>,
  signal: AbortSignal,
): Promise<StepOutcome> {
  const { drill, adapters } = context;
  const alarms = deploymentAlarms(drill);
  let last = '';
  const seen = await waitUntil(
    'the deployment group to be quiet',
    async () => {
      const [described, alias, experiments] = await Promise.all([
        alarms.length > 0 ? adapters.observer.describeAlarms(alarms, signal) : Promise.resolve([]),
        adapters.observer.getAlias(drill.function, drill.alias, signal),
        adapters.injector.list(signal),
      ]);
      const missing = alarms.filter((name) => !described.some((a) => a.AlarmName === name));
      if (missing.length > 0) throw new Error(`the target has no alarm named ${missing.join(', ')}`);
      const alarming = alarmsInAlarm(described);
      const weights = alias.RoutingConfig?.AdditionalVersionWeights ?? {};
      const running = experiments
        .filter((e) => !isFinalExperimentStatus(e.state.status))
        .map((e) => `${e.id} (${e.state.status})`);
      const problems = [
        ...(alarming.length > 0 ? [`alarm ${alarming.join(', ')} of the deployment group in ALARM`] : []),
        ...(Object.keys(weights).length > 0
          ? [`alias ${drill.alias} has extra weight ${JSON.stringify(weights)}`]
          : []),
        ...(running.length > 0 ? [`experiments running: ${running.join(', ')}`] : []),
      ];
      last = problems.join('; ');
      return problems.length === 0
        ? {
            alarms: described.map((a) => ({ AlarmName: a.AlarmName, StateValue: a.StateValue })),
            aliasVersion: alias.FunctionVersion,
          }
        : undefined;
    },
    {
      timeoutMs: step.timeoutMs ?? ONE_LOOK_MS,
      signal,
      lastSeen: () => last,
      failure: 'the world is not steady for a deployment',
    },
  );
  return { ok: true, output: seen };
}
