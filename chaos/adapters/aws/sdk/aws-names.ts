import type { FisExperimentDefinition } from '../../../../common/aws-shapes/fis.ts';
import type { AwsProfile } from '../candidate/aws-preflight.ts';

/**
 * Drills are written once, in the reference platform's names (`createOrder`,
 * `hasivu-local-error-rate`). On AWS every drill acts on the profile's drill function and its
 * alarms, so names are translated at the adapter boundary and the drills stay unchanged:
 * - a function becomes `functionPrefix + drillFunction`, keeping any `:version` qualifier;
 * - an alarm whose name says error(s)/error-rate becomes `errorRateAlarm`, one that says
 *   duration/latency becomes the profile's duration alarm; any other name is kept as is.
 */
export interface AwsNames {
  functionName(drillName: string): string;
  alarmName(drillName: string): string;
  experiment(definition: FisExperimentDefinition): FisExperimentDefinition;
}

export function awsNames(aws: AwsProfile): AwsNames {
  const drillFunction = `${aws.functionPrefix}${aws.drillFunction}`;
  const durationAlarm = aws.alarmNames.find((a) => /duration|latency/i.test(a));
  const functionName = (name: string): string => {
    if (name.startsWith('arn:') || name.startsWith(aws.functionPrefix)) return name;
    const qualifier = name.includes(':') ? name.slice(name.indexOf(':')) : '';
    return `${drillFunction}${qualifier}`;
  };
  const alarmName = (name: string): string => {
    if (name.startsWith('arn:') || aws.alarmNames.includes(name) || name === aws.errorRateAlarm) return name;
    if (/error/i.test(name)) return aws.errorRateAlarm;
    if (/duration|latency/i.test(name) && durationAlarm) return durationAlarm;
    return name;
  };
  return {
    functionName,
    alarmName,
    experiment: (definition) => ({
      ...definition,
      targets: Object.fromEntries(
        Object.entries(definition.targets).map(([key, target]) => [
          key,
          { ...target, resourceArns: target.resourceArns.map(functionName) },
        ]),
      ),
      stopConditions: definition.stopConditions.map((c) => (c.value ? { ...c, value: alarmName(c.value) } : c)),
    }),
  };
}
