import type { RunContext } from '../../runner/runner.ts';
import type { Check } from '../../reports/run-result.ts';
import { experimentDefinition, experimentEnd } from '../activities/experiment-steps.ts';
import type { DrillAdapters } from '../adapters/drill-adapters.ts';
import type { Drill } from '../model/drill-schema.ts';
import { CANARY_QUALIFIER } from '../adapters/aws/fault-injector/fis-template-scope.ts';
import { planLines } from './plan-drill.ts';
import { skipReason } from './run-one-drill.ts';

/**
 * `--dry-run`: prints the plan and checks, read-only, that the target has what the drill names
 * (the function's alias, the alarms, the service control). An injector that can plan (FIS)
 * checks the template it would use and creates nothing; the local one runs the experiment
 * with FIS's `actionsMode: skip-all`, which goes through its states and injects nothing.
 */
export async function dryRunDrill(drill: Drill, context: RunContext, adapters: DrillAdapters): Promise<Check> {
  const started = Date.now();
  const { signal, log } = context;
  for (const line of planLines(drill)) log(line);
  const problems: string[] = [];
  const skip = skipReason(drill, adapters);
  if (skip) problems.push(skip);
  try {
    await adapters.observer.getAlias(drill.function, drill.alias, signal);
  } catch (error) {
    problems.push(`alias ${drill.alias} of ${drill.function}: ${(error as Error).message}`);
  }
  const alarms = [
    ...new Set(
      [...drill.steadyStateHypothesis.probes, ...drill.method].flatMap((step) =>
        step.run === 'alarm'
          ? [step.alarm]
          : step.run === 'start-deployment'
            ? step.alarms
            : step.run === 'start-experiment' && step.stopOnAlarm
              ? [step.stopOnAlarm]
              : [],
      ),
    ),
  ];
  if (alarms.length > 0) {
    try {
      const found = new Set((await adapters.observer.describeAlarms(alarms, signal)).map((a) => a.AlarmName));
      for (const name of alarms.filter((a) => !found.has(a))) problems.push(`the target has no alarm named ${name}`);
    } catch (error) {
      problems.push(`alarms: ${(error as Error).message}`);
    }
  }
  for (const step of drill.method) {
    if (step.run !== 'start-experiment') continue;
    try {
      if (adapters.injector.plan) {
        // No version exists in a dry run; the plan checks the template with the canary placeholder.
        const checked = await adapters.injector.plan(
          experimentDefinition(drill, step, step.version ? CANARY_QUALIFIER : undefined, true),
          signal,
        );
        log(`    "${step.name}": ${checked}`);
        continue;
      }
      // No version exists yet in a dry run: the experiment targets the function itself, and skip-all injects nothing.
      const experiment = await adapters.injector.start(experimentDefinition(drill, step, undefined, true), signal);
      const final = await experimentEnd(adapters.injector, experiment.id, signal, 'skip-all experiment');
      log(`    skip-all experiment ${experiment.id} for "${step.name}" ended ${final}; nothing was injected`);
    } catch (error) {
      problems.push(
        `${step.name}: the injector refused the experiment${adapters.injector.plan ? '' : ' in skip-all mode'}: ${(error as Error).message}`,
      );
    }
  }
  return {
    id: `chaos.${drill.name}.plan`,
    title: `${drill.title}: the drill is valid and the target has what it names (dry run)`,
    category: 'resilience',
    severity: 'minor',
    status: problems.length > 0 ? 'fail' : 'pass',
    ...(problems.length > 0 ? { message: problems.join('; ') } : {}),
    durationMs: Date.now() - started,
  };
}
