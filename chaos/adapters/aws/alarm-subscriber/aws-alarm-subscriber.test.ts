import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { beforeEach, describe, expect, it } from 'vitest';
import { alarmNotificationProbe } from '../../../activities/probe-steps.ts';
import type { DrillContext } from '../../../activities/drill-context.ts';
import type { DrillAdapters } from '../../drill-adapters.ts';
import { AwsAlarmSubscriber } from './aws-alarm-subscriber.ts';
import type { AwsNames } from '../sdk/aws-names.ts';
import { cloudWatchApi, type CloudWatchApi } from '../sdk/cloudwatch-api.ts';
import { ACCOUNT, REGION } from '../test-support/fis-fixtures.ts';
import { FAKE_CREDENTIALS, NO_WAIT_RETRY, awsError, forbidNetwork } from '../test-support/no-network.ts';
import { stubSdkClient, type SdkStub } from '../test-support/sdk-stub.ts';

forbidNetwork();

const signal = new AbortController().signal;
const ALARM = 'hasivu-staging-errors';
const DRILL_ALARM = 'hasivu-local-error-rate';
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:hasivu-oncall`;
const OK_TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:hasivu-recovered`;
const DRILL_START = '2026-12-01T10:00:00.000Z';
const names: AwsNames = {
  functionName: (name) => name,
  alarmName: (name) => (name === DRILL_ALARM ? ALARM : name),
  experiment: (definition) => definition,
};

/** An `Action` history item as CloudWatch writes it after running (or failing to run) an SNS action. */
function actionItem(at: string, outcome: 'Succeeded' | 'Failed', state = 'ALARM', topic = TOPIC) {
  const error = `Resource: arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${ALARM} is not authorized to perform: SNS:Publish on resource: ${topic}`;
  return {
    AlarmName: ALARM,
    AlarmType: 'MetricAlarm' as const,
    Timestamp: new Date(at),
    HistoryItemType: 'Action' as const,
    HistorySummary:
      outcome === 'Succeeded'
        ? `Successfully executed action ${topic}`
        : `Failed to execute action ${topic}. Received error: "${error}"`,
    HistoryData: JSON.stringify({
      actionState: outcome,
      stateUpdateTimestamp: Date.parse(at) - 200,
      notificationResource: topic,
      ...(outcome === 'Succeeded'
        ? {
            publishedMessage: JSON.stringify({
              AlarmName: ALARM,
              NewStateValue: state,
              OldStateValue: 'OK',
              StateChangeTime: at,
            }),
          }
        : { error }),
    }),
  };
}

function alarm(overrides: Record<string, unknown> = {}) {
  return {
    AlarmName: ALARM,
    ActionsEnabled: true,
    AlarmActions: [TOPIC],
    OKActions: [OK_TOPIC],
    StateValue: 'OK' as const,
    ...overrides,
  };
}

let cloudWatch: SdkStub;
let api: CloudWatchApi;
let subscriber: AwsAlarmSubscriber;

beforeEach(() => {
  const client = new CloudWatchClient({ region: REGION, credentials: FAKE_CREDENTIALS });
  cloudWatch = stubSdkClient(client);
  api = cloudWatchApi(client, { retry: NO_WAIT_RETRY });
  subscriber = new AwsAlarmSubscriber({ cloudWatch: api, names });
});

/** Only what the alarm-notification probe reads: the adapters and the drill's start. */
function probeContext(): DrillContext {
  const context = {
    adapters: { alarms: subscriber } as Partial<DrillAdapters>,
    journal: { journal: { start: DRILL_START } },
  };
  return context as unknown as DrillContext;
}
const step = {
  type: 'probe' as const,
  name: 'on-call was told',
  run: 'alarm-notification' as const,
  alarm: DRILL_ALARM,
  state: 'ALARM' as const,
  timeoutMs: 1,
};

describe('AWS alarm subscriber (alert delivery from the alarm history)', () => {
  it('proves delivery from a successful SNS action of the ALARM transition since the drill started', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm()] });
    cloudWatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        actionItem('2026-12-01T10:02:00.000Z', 'Succeeded', 'OK', OK_TOPIC),
        actionItem('2026-12-01T10:03:00.000Z', 'Succeeded'),
      ],
    });
    const unsubscribe = await subscriber.subscribe(DRILL_ALARM, 'http://127.0.0.1:9/n', signal);
    const outcome = await alarmNotificationProbe(probeContext(), step, signal);
    expect(outcome).toEqual({
      ok: true,
      output: {
        alarmName: ALARM,
        newState: 'ALARM',
        receivedAt: '2026-12-01T10:03:00.000Z',
        subject: `Successfully executed action ${TOPIC}`,
      },
    });
    expect(cloudWatch.inputsOf(DescribeAlarmHistoryCommand)).toEqual([
      {
        AlarmName: ALARM,
        HistoryItemType: 'Action',
        StartDate: new Date(DRILL_START),
        ScanBy: 'TimestampAscending',
        MaxRecords: 100,
      },
    ]);
    await unsubscribe();
    // The alarm was only read: nothing to put back, no PutMetricAlarm.
    expect(cloudWatch.sent()).toEqual(['DescribeAlarmsCommand', 'DescribeAlarmHistoryCommand']);
  });

  it("fails the step with CloudWatch's own message when the action failed", async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm()] });
    cloudWatch
      .on(DescribeAlarmHistoryCommand)
      .resolves({ AlarmHistoryItems: [actionItem('2026-12-01T10:03:00.000Z', 'Failed')] });
    const outcome = await alarmNotificationProbe(probeContext(), step, signal);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(
      /could not notify arn:aws:sns:.*hasivu-oncall of hasivu-staging-errors ALARM .*Failed to execute action .*not authorized to perform: SNS:Publish/,
    );
  });

  it('times out naming what it looked for when no action is recorded before the deadline', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm()] });
    // Only an action for another topic (not one of the alarm's AlarmActions): not a delivery.
    cloudWatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        actionItem('2026-12-01T10:03:00.000Z', 'Succeeded', 'ALARM', `arn:aws:sns:${REGION}:${ACCOUNT}:someone-else`),
      ],
    });
    await expect(alarmNotificationProbe(probeContext(), step, signal)).rejects.toThrow(
      /a recorded ALARM notification of hasivu-local-error-rate did not happen .*no action of hasivu-local-error-rate for ALARM recorded since the drill started/,
    );
  });

  it("a history read still throttled after the SDK's own retries names the action and the alarm", async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm()] });
    cloudWatch.on(DescribeAlarmHistoryCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    const failure = subscriber.lookUpDelivery(DRILL_ALARM, 'ALARM', DRILL_START, signal);
    await expect(failure).rejects.toMatchObject({ code: 'AWS_THROTTLED' });
    await expect(failure).rejects.toThrow(
      /cloudwatch:DescribeAlarmHistory on alarm hasivu-staging-errors after the SDK's 5 attempts/,
    );
  });

  it('refuses before injecting an alarm with no AlarmActions, disabled actions, or none at all', async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm({ AlarmActions: [] })] });
    const refusal = subscriber.subscribe(DRILL_ALARM, 'http://127.0.0.1:9/n', signal);
    await expect(refusal).rejects.toMatchObject({ code: 'AWS_PREFLIGHT', exitCode: 2 });
    await expect(refusal).rejects.toThrow(/hasivu-staging-errors.*has no AlarmActions.*--alarm-actions <topic-arn>/);
    const disabled = new AwsAlarmSubscriber({ cloudWatch: api, names });
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm({ ActionsEnabled: false })] });
    await expect(disabled.subscribe(DRILL_ALARM, '', signal)).rejects.toThrow(
      /enable-alarm-actions --alarm-names hasivu-staging-errors/,
    );
    const missing = new AwsAlarmSubscriber({ cloudWatch: api, names });
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    await expect(missing.subscribe(DRILL_ALARM, '', signal)).rejects.toThrow(/CloudWatch has no such alarm/);
  });
});
