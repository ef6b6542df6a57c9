import type { FisExperimentDefinition } from '../../common/aws-shapes/fis.ts';
import { behaviourExperiment } from '../adapters/aws/fault-injector/behaviour-fault.ts';
import { experimentDefinition } from '../activities/experiment-steps.ts';
import type { Drill } from '../model/drill-schema.ts';
import { CANARY_QUALIFIER } from '../adapters/aws/fault-injector/fis-template-scope.ts';

/** The deployment's first alarm: the stop condition of a bad release's experiment. */
function stopAlarm(drill: Drill): string | undefined {
  for (const step of drill.method) {
    if (step.run === 'start-deployment' && step.alarms[0]) return step.alarms[0];
  }
  return undefined;
}

/**
 * The FIS experiments a drill needs on AWS, in the drill's own names: one per
 * `start-experiment` step, and one per bad release (behaviour-fault.ts).
 * Drills with neither (a healthy promotion, service outages) need no template. Every target is
 * the drill function qualified with the canary placeholder, never the bare function: each run
 * points the template at the version it just published (fis-template-scope.ts).
 */
export function drillFaultExperiments(drill: Drill): FisExperimentDefinition[] {
  const out: FisExperimentDefinition[] = [];
  for (const step of drill.method) {
    if (step.run === 'start-experiment') {
      out.push(experimentDefinition(drill, step, CANARY_QUALIFIER, false));
    } else if (step.run === 'publish-version') {
      const experiment = behaviourExperiment({
        drill: drill.name,
        description: step.description ?? step.name,
        target: `${drill.function}:${CANARY_QUALIFIER}`,
        behaviour: step.behaviour,
        durationMs: drill.deadlineMs,
        stopAlarm: stopAlarm(drill),
      });
      if (experiment) out.push(experiment);
    }
  }
  return out;
}
