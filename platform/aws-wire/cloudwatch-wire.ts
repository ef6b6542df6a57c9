import { z } from 'zod';
import type { AlarmHistoryItem, MetricAlarm } from '../../common/aws-shapes/cloudwatch.ts';
import type { Alarms } from '../cloudwatch/alarms.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../local-aws-account.ts';
import { AwsWireError, epochSeconds, wireInput } from './wire-protocol.ts';
import type { JsonRpcService } from './wire-route.ts';

const input = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> =>
  wireInput(schema, body, 'InvalidParameterValueException');

const alarmArn = (name: string): string => `arn:aws:cloudwatch:${LOCAL_REGION}:${LOCAL_ACCOUNT}:alarm:${name}`;

/**
 * The metric an alarm watches, as CloudWatch describes it: one metric, or for the local
 * `ErrorRate` (Errors / Invocations in percent) the metric-math alarm AWS needs for the same.
 */
function metricOf(alarm: MetricAlarm) {
  if (alarm.MetricName !== 'ErrorRate')
    return {
      Namespace: alarm.Namespace,
      MetricName: alarm.MetricName,
      Statistic: alarm.Statistic,
      Dimensions: alarm.Dimensions ?? [],
      Period: alarm.Period,
    };
  const stat = (Id: string, MetricName: string) => ({
    Id,
    MetricStat: {
      Metric: { Namespace: alarm.Namespace, MetricName, Dimensions: alarm.Dimensions ?? [] },
      Period: alarm.Period,
      Stat: 'Sum',
    },
    ReturnData: false,
  });
  return {
    Metrics: [
      stat('errors', 'Errors'),
      stat('invocations', 'Invocations'),
      { Id: 'error_rate', Expression: '100 * errors / invocations', Label: 'ErrorRate', ReturnData: true },
    ],
  };
}

function wireAlarm(alarm: MetricAlarm) {
  const {
    StateUpdatedTimestamp,
    Namespace: _n,
    MetricName: _m,
    Statistic: _s,
    Dimensions: _d,
    Period: _p,
    ...rest
  } = alarm;
  return {
    ...rest,
    ...metricOf(alarm),
    AlarmArn: alarmArn(alarm.AlarmName),
    ActionsEnabled: true,
    AlarmActions: alarm.AlarmActions ?? [],
    OKActions: alarm.OKActions ?? [],
    InsufficientDataActions: [],
    StateUpdatedTimestamp: epochSeconds(StateUpdatedTimestamp),
    StateTransitionedTimestamp: epochSeconds(StateUpdatedTimestamp),
  };
}

const describeAlarmsSchema = z.object({
  AlarmNames: z.array(z.string()).max(100).optional(),
  AlarmNamePrefix: z.string().optional(),
  AlarmTypes: z.array(z.enum(['MetricAlarm', 'CompositeAlarm'])).optional(),
  StateValue: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']).optional(),
  MaxRecords: z.number().int().min(1).max(100).optional(),
  NextToken: z.string().optional(),
});

const historySchema = z.object({
  AlarmName: z.string().optional(),
  AlarmTypes: z.array(z.enum(['MetricAlarm', 'CompositeAlarm'])).optional(),
  HistoryItemType: z.enum(['ConfigurationUpdate', 'StateUpdate', 'Action']).optional(),
  StartDate: z.number().optional(),
  EndDate: z.number().optional(),
  MaxRecords: z.number().int().min(1).max(100).optional(),
  NextToken: z.string().optional(),
  ScanBy: z.enum(['TimestampDescending', 'TimestampAscending']).optional(),
});

/** A page of `items` from the offset a NextToken names. */
function page<T>(items: T[], max: number, token: string | undefined): { page: T[]; NextToken?: string } {
  const start = token === undefined ? 0 : Number(token);
  if (!Number.isInteger(start) || start < 0)
    throw new AwsWireError(400, 'InvalidNextToken', 'The NextToken is not one this service gave');
  const end = start + max;
  return { page: items.slice(start, end), ...(end < items.length ? { NextToken: String(end) } : {}) };
}

/** CloudWatch (JSON 1.0, `GraniteServiceVersion20100801.*`): the alarms and their history. */
export function cloudWatchWire(alarms: Alarms): JsonRpcService {
  return {
    targetPrefix: 'GraniteServiceVersion20100801',
    names: {
      400: { statusCode: 400, code: 'InvalidParameterValueException' },
      404: { statusCode: 404, code: 'ResourceNotFound' },
    },
    operations: {
      DescribeAlarms(body) {
        const request = input(describeAlarmsSchema, body);
        const metricAlarmsWanted = !request.AlarmTypes || request.AlarmTypes.includes('MetricAlarm');
        const found = alarms
          .describe()
          .filter(
            (alarm) =>
              metricAlarmsWanted &&
              (!request.AlarmNames || request.AlarmNames.includes(alarm.AlarmName)) &&
              (!request.AlarmNamePrefix || alarm.AlarmName.startsWith(request.AlarmNamePrefix)) &&
              (!request.StateValue || alarm.StateValue === request.StateValue),
          )
          .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
        const { page: shown, NextToken } = page(found, request.MaxRecords ?? 50, request.NextToken);
        return {
          body: { MetricAlarms: shown.map(wireAlarm), CompositeAlarms: [], ...(NextToken ? { NextToken } : {}) },
        };
      },
      DescribeAlarmHistory(body) {
        const request = input(historySchema, body);
        const names = request.AlarmName ? [request.AlarmName] : alarms.describe().map((a) => a.AlarmName);
        // An alarm nobody has is an empty history on CloudWatch, not an error.
        const items: AlarmHistoryItem[] = names.flatMap((name) => (alarms.has(name) ? alarms.history(name) : []));
        const inRange = items
          .filter(
            (item) =>
              (!request.HistoryItemType || item.HistoryItemType === request.HistoryItemType) &&
              (request.StartDate === undefined || Date.parse(item.Timestamp) >= request.StartDate * 1000) &&
              (request.EndDate === undefined || Date.parse(item.Timestamp) <= request.EndDate * 1000),
          )
          .sort((a, b) => Date.parse(a.Timestamp) - Date.parse(b.Timestamp));
        if ((request.ScanBy ?? 'TimestampDescending') === 'TimestampDescending') inRange.reverse();
        const { page: shown, NextToken } = page(inRange, request.MaxRecords ?? 100, request.NextToken);
        return {
          body: {
            AlarmHistoryItems: shown.map((item) => ({
              ...item,
              AlarmType: 'MetricAlarm',
              Timestamp: epochSeconds(item.Timestamp),
            })),
            ...(NextToken ? { NextToken } : {}),
          },
        };
      },
    },
  };
}
