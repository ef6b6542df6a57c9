import { describe, expect, test } from 'vitest';
import type { TreatMissingData } from '../../common/aws-shapes/cloudwatch.ts';
import { evaluateAlarm } from './evaluate-alarm.ts';

const M = undefined; // a missing datapoint
const alarm = (treat?: TreatMissingData, datapointsToAlarm?: number) => ({
  EvaluationPeriods: 3,
  ...(datapointsToAlarm === undefined ? {} : { DatapointsToAlarm: datapointsToAlarm }),
  Threshold: 10,
  ComparisonOperator: 'GreaterThanThreshold' as const,
  ...(treat ? { TreatMissingData: treat } : {}),
});

describe('alarm evaluation: M out of N', () => {
  test('without DatapointsToAlarm every one of the EvaluationPeriods must breach', () => {
    expect(evaluateAlarm(alarm(), [11, 12, 13], 'OK').state).toBe('ALARM');
    expect(evaluateAlarm(alarm(), [11, 5, 13], 'ALARM').state).toBe('OK');
  });

  test('with DatapointsToAlarm 2 of 3, two breaching datapoints anywhere in the range alarm', () => {
    expect(evaluateAlarm(alarm(undefined, 2), [11, 5, 13], 'OK').state).toBe('ALARM');
    expect(evaluateAlarm(alarm(undefined, 2), [5, 5, 13], 'ALARM').state).toBe('OK');
  });

  test('the threshold itself does not breach GreaterThanThreshold, and does breach GreaterThanOrEqualToThreshold', () => {
    expect(evaluateAlarm(alarm(), [10, 10, 10], 'OK').state).toBe('OK');
    expect(
      evaluateAlarm({ ...alarm(), ComparisonOperator: 'GreaterThanOrEqualToThreshold' }, [10, 10, 10], 'OK').state,
    ).toBe('ALARM');
    expect(evaluateAlarm({ ...alarm(), ComparisonOperator: 'LessThanThreshold' }, [1, 2, 3], 'OK').state).toBe('ALARM');
    expect(
      evaluateAlarm({ ...alarm(), ComparisonOperator: 'LessThanOrEqualToThreshold' }, [10, 11, 12], 'ALARM').state,
    ).toBe('OK');
  });

  test('the reason quotes the datapoints and the threshold, as CloudWatch does', () => {
    expect(evaluateAlarm(alarm(), [11, 12, 13], 'OK').reason).toMatch(
      /^Threshold Crossed: 3 out of the last 3 datapoints \[11, 12, 13\] were greater than the threshold \(10\)/,
    );
  });
});

describe('alarm evaluation: TreatMissingData', () => {
  test.each<[TreatMissingData | undefined, string, string]>([
    ['missing', 'OK', 'INSUFFICIENT_DATA'],
    [undefined, 'ALARM', 'INSUFFICIENT_DATA'],
    ['ignore', 'ALARM', 'ALARM'],
    ['ignore', 'OK', 'OK'],
    ['breaching', 'OK', 'ALARM'],
    ['notBreaching', 'ALARM', 'OK'],
  ])('every datapoint missing with %s, from %s, gives %s', (treat, from, expected) => {
    expect(evaluateAlarm(alarm(treat), [M, M, M], from as 'OK').state).toBe(expected);
  });

  test.each<[TreatMissingData, (number | undefined)[], string, string]>([
    // notBreaching: missing counts as good, so one breach of three is not enough.
    ['notBreaching', [M, 11, M], 'ALARM', 'OK'],
    // breaching: missing counts as bad, so two missing plus one breach alarm.
    ['breaching', [M, 11, M], 'OK', 'ALARM'],
    ['breaching', [M, 5, M], 'OK', 'OK'],
    // ignore and missing leave them out: one good datapoint already rules out 3 of 3.
    ['ignore', [M, 5, M], 'ALARM', 'OK'],
    ['missing', [M, 5, M], 'ALARM', 'OK'],
  ])('%s with %j, from %s, gives %s', (treat, datapoints, from, expected) => {
    expect(evaluateAlarm(alarm(treat), datapoints, from as 'OK').state).toBe(expected);
  });

  test('ignore and missing keep the state while the missing datapoints could still decide it', () => {
    // 2 of 3 needed, one breach, one missing: the missing one would decide either way.
    expect(evaluateAlarm(alarm('ignore', 2), [11, M, 5], 'OK').state).toBe('OK');
    expect(evaluateAlarm(alarm('missing', 2), [11, M, 5], 'ALARM').state).toBe('ALARM');
    // Two breaches are enough whatever the missing one is.
    expect(evaluateAlarm(alarm('missing', 2), [11, M, 12], 'OK').state).toBe('ALARM');
  });
});
