import type { FaultInjector } from '../../../ports/fault-injector.ts';
import type { ReleaseController } from '../../../ports/release-controller.ts';
import type { ReleaseObserver } from '../../../ports/release-observer.ts';
import type { AwsNames } from '../sdk/aws-names.ts';

/** The AWS injector, seen by a drill that speaks the reference platform's names. */
export function namedInjector(inner: FaultInjector, names: AwsNames): FaultInjector {
  return {
    name: inner.name,
    start: (definition, signal) => inner.start(names.experiment(definition), signal),
    ...(inner.plan ? { plan: (definition, signal) => inner.plan!(names.experiment(definition), signal) } : {}),
    get: (id, signal) => inner.get(id, signal),
    stop: (id, signal) => inner.stop(id, signal),
    list: (signal) => inner.list(signal),
  };
}

export function namedObserver(inner: ReleaseObserver, names: AwsNames): ReleaseObserver {
  return {
    name: inner.name,
    getAlias: (fn, alias, signal) => inner.getAlias(names.functionName(fn), alias, signal),
    // Answered in the drill's names too: a drill that asked for hasivu-local-error-rate must
    // find an alarm of that name, whatever the account calls it.
    async describeAlarms(alarms, signal) {
      const found = await inner.describeAlarms(
        alarms.map((a) => names.alarmName(a)),
        signal,
      );
      return found.flatMap((alarm) => {
        const asked = alarms.filter((a) => names.alarmName(a) === alarm.AlarmName);
        return asked.length > 0 ? asked.map((AlarmName) => ({ ...alarm, AlarmName })) : [alarm];
      });
    },
    alarmHistory: (alarm, signal) => inner.alarmHistory(names.alarmName(alarm), signal),
    getDeployment: (id, signal) => inner.getDeployment(id, signal),
  };
}

export function namedController(inner: ReleaseController, names: AwsNames): ReleaseController {
  return {
    name: inner.name,
    publishVersion: (fn, options, signal) => inner.publishVersion(names.functionName(fn), options, signal),
    createDeployment: (input, signal) =>
      inner.createDeployment(
        {
          ...input,
          functionName: names.functionName(input.functionName),
          ...(input.alarmConfiguration
            ? {
                alarmConfiguration: {
                  ...input.alarmConfiguration,
                  alarms: input.alarmConfiguration.alarms.map((a) => ({
                    name: names.alarmName(a.name),
                  })),
                },
              }
            : {}),
        },
        signal,
      ),
    stopDeployment: (id, rollback, signal) => inner.stopDeployment(id, rollback, signal),
    restoreAlias: (fn, alias, version, signal) => inner.restoreAlias(names.functionName(fn), alias, version, signal),
  };
}
