import { describe, expect, it } from 'vitest';
import type { MetricAlarm } from '../../../../common/aws-shapes/cloudwatch.ts';
import { resolveProfile } from '../../../../fixtures/environments/resolve-profile.ts';
import type { ReleaseObserver } from '../../../ports/release-observer.ts';
import { namedObserver } from './aws-named-adapters.ts';
import { awsNames } from '../sdk/aws-names.ts';

describe('names translated once, at the adapter boundary', () => {
  it("alarms asked for in the drill's names come back in the drill's names (the dry run compares them)", async () => {
    const aws = resolveProfile({ name: 'staging', env: {}, requireBaseUrl: false }).profile.aws!;
    const asked: string[][] = [];
    const inner = {
      name: 'aws',
      describeAlarms: (names: readonly string[]) => {
        asked.push([...names]);
        return Promise.resolve(names.map((AlarmName) => ({ AlarmName, StateValue: 'OK' }) as MetricAlarm));
      },
    } as unknown as ReleaseObserver;
    const observer = namedObserver(inner, awsNames(aws));
    const found = await observer.describeAlarms(['hasivu-local-error-rate'], new AbortController().signal);
    expect(asked).toEqual([[aws.errorRateAlarm]]);
    expect(found.map((a) => a.AlarmName)).toEqual(['hasivu-local-error-rate']);
  });
});
