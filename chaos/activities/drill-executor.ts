import type { StepExecutor, StepOutcome } from '../engine/step-executor.ts';
import type { Activity } from '../model/drill-schema.ts';
import type { DrillContext } from './drill-context.ts';
import { startExperiment, stopExperiments } from './experiment-steps.ts';
import {
  alarmNotificationProbe,
  alarmProbe,
  aliasProbe,
  deploymentProbe,
  experimentsProbe,
  httpProbe,
  noRunningExperiments,
  trafficProbe,
} from './probe-steps.ts';
import { deploymentReadyProbe } from './deployment-ready.ts';
import { publishVersion, restoreAlias, startDeployment, stopDeployments } from './release-steps.ts';
import { serviceStep } from './service-steps.ts';

/** What each `run` of the drill format means against a target. */
export function drillExecutor(context: DrillContext): StepExecutor {
  return {
    run(step: Activity, phase, signal): Promise<StepOutcome> {
      switch (step.run) {
        case 'publish-version':
          return publishVersion(context, step, signal);
        case 'start-deployment':
          return startDeployment(context, step, signal);
        case 'start-experiment':
          return startExperiment(context, step, signal);
        case 'stop-service':
        case 'start-service':
          return serviceStep(context, step, signal);
        case 'stop-experiments':
          return stopExperiments(context, signal);
        case 'stop-deployment':
          return stopDeployments(context, signal);
        case 'restore-alias':
          return restoreAlias(context, step, signal);
        case 'http':
          return httpProbe(context, step, signal);
        case 'alias':
          return aliasProbe(context, step, signal);
        case 'alarm':
          return alarmProbe(context, step, signal);
        case 'alarm-notification':
          return alarmNotificationProbe(context, step, signal);
        case 'deployment':
          return deploymentProbe(context, step, signal);
        case 'experiments':
          return experimentsProbe(context, step, signal);
        case 'no-running-experiments':
          return noRunningExperiments(context, signal);
        case 'deployment-ready':
          return deploymentReadyProbe(context, step, signal);
        case 'traffic':
          return trafficProbe(context, step, signal, phase);
      }
    },
  };
}
