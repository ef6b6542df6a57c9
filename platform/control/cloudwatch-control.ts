import { z } from 'zod';
import { CONTROL_ROUTES } from '../../common/aws-shapes/control-api.ts';
import type { Alarms } from '../cloudwatch/alarms.ts';
import { isLoopbackUrl } from '../cloudwatch/loopback-url.ts';
import { validationFailed } from '../http/api-error.ts';
import { parseJsonBody } from '../http/request-body.ts';
import { jsonRoute, type ControlModule } from './control-module.ts';
import { pathParameter } from './path-parameter.ts';

const endpoint = z.string().refine(isLoopbackUrl, 'must be an http URL on this machine (127.0.0.1, ::1 or localhost)');

/** PutMetricAlarm's fields that the platform evaluates; anything else is refused by name. */
const alarmSchema = z.strictObject({
  AlarmName: z.string().min(1).max(255),
  AlarmDescription: z.string().max(1024).optional(),
  Namespace: z.literal('AWS/Lambda'),
  MetricName: z.enum(['Errors', 'Invocations', 'Duration', 'ErrorRate']),
  Statistic: z.enum(['Sum', 'Average', 'Maximum', 'SampleCount']),
  Dimensions: z
    .array(
      z.strictObject({
        Name: z.enum(['FunctionName', 'Resource', 'ExecutedVersion']),
        Value: z.string().min(1),
      }),
    )
    .max(3)
    .optional(),
  Period: z.number().int().min(1).max(86_400),
  EvaluationPeriods: z.number().int().min(1).max(100),
  DatapointsToAlarm: z.number().int().min(1).optional(),
  Threshold: z.number(),
  ComparisonOperator: z.enum([
    'GreaterThanThreshold',
    'GreaterThanOrEqualToThreshold',
    'LessThanThreshold',
    'LessThanOrEqualToThreshold',
  ]),
  TreatMissingData: z.enum(['breaching', 'notBreaching', 'ignore', 'missing']).optional(),
  AlarmActions: z.array(endpoint).max(5).optional(),
  OKActions: z.array(endpoint).max(5).optional(),
});

/** CloudWatch's DescribeAlarms, PutMetricAlarm and DescribeAlarmHistory. */
export function cloudwatchControl(alarms: Alarms): ControlModule {
  return {
    name: 'cloudwatch',
    routes: [
      jsonRoute(CONTROL_ROUTES.describeAlarms, () => ({ MetricAlarms: alarms.describe() })),
      jsonRoute(CONTROL_ROUTES.putAlarm, (event) => {
        const name = pathParameter(event, 'name');
        const body = parseJsonBody(event, alarmSchema.partial({ AlarmName: true }));
        const problems: Record<string, string[]> = {};
        if (body.AlarmName !== undefined && body.AlarmName !== name)
          problems.AlarmName = [`must be the name in the path (${name}) or left out`];
        if (body.DatapointsToAlarm !== undefined && body.DatapointsToAlarm > body.EvaluationPeriods)
          problems.DatapointsToAlarm = ['must be at most EvaluationPeriods'];
        if (Object.keys(problems).length > 0) throw validationFailed(problems);
        return alarms.put({ ...body, AlarmName: name });
      }),
      jsonRoute(CONTROL_ROUTES.alarmHistory, (event) => ({
        AlarmHistoryItems: alarms.history(pathParameter(event, 'name')),
      })),
    ],
  };
}
