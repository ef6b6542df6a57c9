import { describe, expect, test } from 'vitest';
import type { AlarmStateUpdateData, MetricAlarm } from '../../common/aws-shapes/cloudwatch.ts';
import { Alarms } from './alarms.ts';
import { MetricStore } from './metric-store.ts';
import { seedAlarms } from './seed-alarms.ts';

const PERIOD_MS = 1000;
const at = (ms: number): Date => new Date(1_800_000_000_000 + ms);

function setUp() {
  const metrics = new MetricStore();
  const changes: [string, string, string][] = [];
  const alarms = new Alarms({
    metrics,
    minutePeriodMs: PERIOD_MS,
    seeds: () => seedAlarms([]),
    onStateChange: (alarm: MetricAlarm, old) => changes.push([alarm.AlarmName, old, alarm.StateValue]),
  });
  const invoke = (ms: number, error: boolean, durationMs = 5, version = '1') =>
    metrics.record({
      functionName: 'createOrder',
      version,
      at: at(ms).getTime(),
      durationMs,
      error,
    });
  return { metrics, alarms, changes, invoke };
}

describe('the seed alarms over the metric store', () => {
  test('start INSUFFICIENT_DATA, go OK on a quiet period (notBreaching), and ALARM once a complete period has an error', () => {
    const { alarms, changes, invoke } = setUp();
    expect(alarms.state('hasivu-local-error-rate')).toBe('INSUFFICIENT_DATA');
    alarms.evaluate(at(10));
    expect(alarms.state('hasivu-local-error-rate')).toBe('OK');
    invoke(1100, true);
    // The error's period (1000-2000) is still running: CloudWatch waits for it to end.
    alarms.evaluate(at(1900));
    expect(alarms.state('hasivu-local-error-rate')).toBe('OK');
    alarms.evaluate(at(2000));
    expect(alarms.state('hasivu-local-error-rate')).toBe('ALARM');
    // 1 of 2: still ALARM one period later, OK once the error leaves the range.
    alarms.evaluate(at(3000));
    expect(alarms.state('hasivu-local-error-rate')).toBe('ALARM');
    alarms.evaluate(at(4000));
    expect(alarms.state('hasivu-local-error-rate')).toBe('OK');
    expect(changes.filter(([name]) => name === 'hasivu-local-error-rate').map(([, , to]) => to)).toEqual([
      'OK',
      'ALARM',
      'OK',
    ]);
  });

  test('the duration alarm needs the Average above 200 ms in 2 of the last 3 periods', () => {
    const { alarms, invoke } = setUp();
    for (const ms of [1000, 1100, 1200]) invoke(ms, false, 900);
    invoke(1300, false, 5);
    alarms.evaluate(at(2000));
    expect(alarms.state('hasivu-local-duration')).toBe('OK'); // one slow period, the others missing (notBreaching)
    invoke(2100, false, 150); // a busy but healthy period (Average 150 ms) between two slow ones
    alarms.evaluate(at(3000));
    expect(alarms.state('hasivu-local-duration')).toBe('OK');
    invoke(3100, false, 250);
    alarms.evaluate(at(4000));
    expect(alarms.state('hasivu-local-duration')).toBe('ALARM');
  });

  test('each state change is a StateUpdate history item with old and new state', () => {
    const { alarms, invoke } = setUp();
    invoke(100, true);
    alarms.evaluate(at(1000));
    const items = alarms.history('hasivu-local-error-rate');
    expect(items.map((i) => i.HistoryItemType)).toEqual(['ConfigurationUpdate', 'StateUpdate']);
    const data = JSON.parse(items[1]?.HistoryData ?? '{}') as AlarmStateUpdateData;
    expect(data).toMatchObject({
      oldState: { stateValue: 'INSUFFICIENT_DATA' },
      newState: { stateValue: 'ALARM' },
    });
    expect(items[1]?.HistorySummary).toBe('Alarm updated from INSUFFICIENT_DATA to ALARM');
  });

  test('Period scales with the local minute, and dimensions narrow the samples', () => {
    const { alarms, invoke } = setUp();
    expect(alarms.periodMs({ Period: 60 })).toBe(1000);
    expect(alarms.periodMs({ Period: 300 })).toBe(5000);
    alarms.put({
      AlarmName: 'canary-errors',
      Namespace: 'AWS/Lambda',
      MetricName: 'ErrorRate',
      Statistic: 'Average',
      Dimensions: [{ Name: 'Resource', Value: 'createOrder:2' }],
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 50,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    invoke(100, true, 5, '1');
    invoke(200, false, 5, '2');
    alarms.evaluate(at(1000));
    expect(alarms.state('canary-errors')).toBe('OK'); // version 1's error is not version 2's
    invoke(1100, true, 5, '2');
    invoke(1200, false, 5, '2');
    alarms.evaluate(at(2000));
    expect(alarms.state('canary-errors')).toBe('ALARM');
  });

  test('put keeps the state of an existing alarm; reset brings the seeds back', () => {
    const { alarms, invoke } = setUp();
    invoke(100, true);
    alarms.evaluate(at(1000));
    const [errorAlarm] = seedAlarms(['http://127.0.0.1:9/hook']);
    if (!errorAlarm) throw new Error('no seed');
    expect(alarms.put(errorAlarm)).toMatchObject({
      StateValue: 'ALARM',
      AlarmActions: ['http://127.0.0.1:9/hook'],
    });
    alarms.reset(at(1000));
    expect(alarms.describe().map((a) => [a.AlarmName, a.StateValue])).toEqual([
      ['hasivu-local-error-rate', 'INSUFFICIENT_DATA'],
      ['hasivu-local-duration', 'INSUFFICIENT_DATA'],
    ]);
  });
});
