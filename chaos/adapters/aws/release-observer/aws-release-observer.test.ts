import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CodeDeployClient, GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { GetAliasCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { alarmTransitions, firstAlarmAt } from './alarm-history.ts';
import { AwsReleaseObserver } from './aws-release-observer.ts';
import { cloudWatchApi } from '../sdk/cloudwatch-api.ts';
import { codeDeployApi } from '../sdk/codedeploy-api.ts';
import { lambdaApi } from '../sdk/lambda-api.ts';
import { ACCOUNT, REGION } from '../test-support/fis-fixtures.ts';
import { FAKE_CREDENTIALS, NO_WAIT_RETRY, awsError, forbidNetwork } from '../test-support/no-network.ts';
import { stubSdkClient, type SdkStub } from '../test-support/sdk-stub.ts';

forbidNetwork();

const signal = new AbortController().signal;
const FUNCTION = 'hasivu-platform-staging-orders';
const ALARM = 'hasivu-staging-errors';

/** HistoryData exactly as CloudWatch writes it for a StateUpdate (a JSON string). */
function historyData(from: string, to: string, reason: string): string {
  return JSON.stringify({
    version: '1.0',
    oldState: { stateValue: from, stateReason: 'Threshold Crossed: no datapoints were received' },
    newState: {
      stateValue: to,
      stateReason: reason,
      stateReasonData: { version: '1.0', evaluatedDatapoints: [] },
    },
  });
}

let lambda: SdkStub;
let cloudWatch: SdkStub;
let codeDeploy: SdkStub;
let observer: AwsReleaseObserver;

beforeEach(() => {
  const clients = {
    lambda: new LambdaClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
    cloudWatch: new CloudWatchClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
    codeDeploy: new CodeDeployClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
  };
  lambda = stubSdkClient(clients.lambda);
  cloudWatch = stubSdkClient(clients.cloudWatch);
  codeDeploy = stubSdkClient(clients.codeDeploy);
  observer = new AwsReleaseObserver({
    lambda: lambdaApi(clients.lambda, { retry: NO_WAIT_RETRY }),
    cloudWatch: cloudWatchApi(clients.cloudWatch, { retry: NO_WAIT_RETRY }),
    codeDeploy: codeDeployApi(clients.codeDeploy, { retry: NO_WAIT_RETRY }),
  });
});

describe('AWS release observer', () => {
  it('reads the alias routing config, canary weight included', async () => {
    lambda.on(GetAliasCommand, { FunctionName: FUNCTION, Name: 'live' }).resolves({
      AliasArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION}:live`,
      Name: 'live',
      FunctionVersion: '6',
      RoutingConfig: { AdditionalVersionWeights: { '7': 0.1 } },
      RevisionId: '5a1f1a0e-0001-4c1b-9d1c-000000000001',
    });
    const alias = await observer.getAlias(FUNCTION, 'live', signal);
    expect(alias).toMatchObject({
      Name: 'live',
      FunctionVersion: '6',
      RoutingConfig: { AdditionalVersionWeights: { '7': 0.1 } },
    });
  });

  it('describes metric alarms across pages, in the shared shape', async () => {
    const updated = new Date('2026-12-01T10:01:00Z');
    cloudWatch
      .on(DescribeAlarmsCommand)
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: ALARM,
            AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${ALARM}`,
            StateValue: 'ALARM',
            StateReason: 'Threshold Crossed',
            StateUpdatedTimestamp: updated,
            Metrics: [{ Id: 'rate', Expression: 'errors / invocations * 100', ReturnData: true }],
            EvaluationPeriods: 1,
            DatapointsToAlarm: 1,
            Threshold: 5,
            ComparisonOperator: 'GreaterThanThreshold',
            TreatMissingData: 'notBreaching',
          },
        ],
        NextToken: 'next',
      })
      .resolves({
        MetricAlarms: [
          {
            AlarmName: 'hasivu-staging-duration',
            MetricName: 'Duration',
            Statistic: 'Average',
            StateValue: 'OK',
          },
        ],
      });
    const alarms = await observer.describeAlarms([ALARM, 'hasivu-staging-duration'], signal);
    expect(alarms.map((a) => [a.AlarmName, a.MetricName, a.StateValue])).toEqual([
      [ALARM, 'ErrorRate', 'ALARM'],
      ['hasivu-staging-duration', 'Duration', 'OK'],
    ]);
    expect(alarms[0]?.StateUpdatedTimestamp).toBe(updated.toISOString());
    expect(cloudWatch.inputsOf(DescribeAlarmsCommand)[1]).toMatchObject({
      NextToken: 'next',
      AlarmTypes: ['MetricAlarm'],
    });
  });

  it('reads StateUpdate history oldest first and times detection from HistoryData', async () => {
    cloudWatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        {
          AlarmName: ALARM,
          AlarmType: 'MetricAlarm',
          Timestamp: new Date('2026-12-01T10:03:10Z'),
          HistoryItemType: 'StateUpdate',
          HistorySummary: 'Alarm updated from ALARM to OK',
          HistoryData: historyData(
            'ALARM',
            'OK',
            'Threshold Crossed: 1 datapoint [0.0] was not greater than the threshold (5.0).',
          ),
        },
        {
          AlarmName: ALARM,
          AlarmType: 'MetricAlarm',
          Timestamp: new Date('2026-12-01T10:01:00Z'),
          HistoryItemType: 'StateUpdate',
          HistorySummary: 'Alarm updated from OK to ALARM',
          HistoryData: historyData(
            'OK',
            'ALARM',
            'Threshold Crossed: 1 datapoint [100.0] was greater than the threshold (5.0).',
          ),
        },
      ],
    });
    const history = await observer.alarmHistory(ALARM, signal);
    expect(cloudWatch.inputsOf(DescribeAlarmHistoryCommand)[0]).toMatchObject({
      AlarmName: ALARM,
      HistoryItemType: 'StateUpdate',
      ScanBy: 'TimestampAscending',
    });
    expect(alarmTransitions(history).map((t) => `${t.from}->${t.to}`)).toEqual(['OK->ALARM', 'ALARM->OK']);
    expect(firstAlarmAt(history, '2026-12-01T10:00:30Z')).toBe('2026-12-01T10:01:00.000Z');
    expect(firstAlarmAt(history, '2026-12-01T10:02:00Z')).toBeUndefined();
  });

  it('skips history items whose HistoryData is not a state update', () => {
    const items = [
      {
        AlarmName: ALARM,
        Timestamp: '2026-12-01T10:00:00Z',
        HistoryItemType: 'StateUpdate' as const,
        HistorySummary: '',
        HistoryData: '{not json',
      },
      {
        AlarmName: ALARM,
        Timestamp: '2026-12-01T10:00:01Z',
        HistoryItemType: 'Action' as const,
        HistorySummary: '',
        HistoryData: '{}',
      },
    ];
    expect(alarmTransitions(items)).toEqual([]);
  });

  it('reads a stopped deployment with its rollback info and times', async () => {
    codeDeploy.on(GetDeploymentCommand, { deploymentId: 'd-A1B2C3D4E' }).resolves({
      deploymentInfo: {
        applicationName: 'hasivu-platform-staging',
        deploymentGroupName: 'hasivu-platform-staging-lambda',
        deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        deploymentId: 'd-A1B2C3D4E',
        status: 'Stopped',
        errorInformation: {
          code: 'ALARM_ACTIVE',
          message: 'One or more alarms have been activated',
        },
        createTime: new Date('2026-12-01T10:00:00Z'),
        completeTime: new Date('2026-12-01T10:01:40Z'),
        rollbackInfo: {
          rollbackDeploymentId: 'd-R0LLBACK1',
          rollbackMessage: 'Automatic rollback triggered by alarm',
        },
        autoRollbackConfiguration: {
          enabled: true,
          events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
        },
        computePlatform: 'Lambda',
      },
    });
    const info = await observer.getDeployment('d-A1B2C3D4E', signal);
    expect(info).toMatchObject({
      status: 'Stopped',
      createTime: '2026-12-01T10:00:00.000Z',
      completeTime: '2026-12-01T10:01:40.000Z',
      rollbackInfo: { rollbackDeploymentId: 'd-R0LLBACK1' },
      errorInformation: { code: 'ALARM_ACTIVE' },
    });
  });

  it('retries a rollback read through a 5xx, and names the action and resource when one is denied or fails', async () => {
    lambda
      .on(GetAliasCommand)
      .rejectsOnce(
        awsError('ServiceException', 'internal error', { $fault: 'server', $metadata: { httpStatusCode: 500 } }),
      )
      .resolves({ Name: 'live', FunctionVersion: '6' });
    await expect(observer.getAlias(FUNCTION, 'live', signal)).resolves.toMatchObject({ FunctionVersion: '6' });
    expect(lambda.inputsOf(GetAliasCommand)).toHaveLength(2);

    cloudWatch.on(DescribeAlarmsCommand).rejects(awsError('InvalidParameterValue', 'bad name'));
    await expect(observer.describeAlarms([ALARM], signal)).rejects.toThrow(
      `AWS cloudwatch:DescribeAlarms on alarms ${ALARM} failed: InvalidParameterValue: bad name`,
    );

    codeDeploy.on(GetDeploymentCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    await expect(observer.getDeployment('d-A1B2C3D4E', signal)).rejects.toThrow(/"codedeploy:GetDeployment"/);
    // CloudWatch's Query protocol spells it without "Exception".
    cloudWatch.on(DescribeAlarmHistoryCommand).rejects(awsError('AccessDenied', 'not authorized'));
    await expect(observer.alarmHistory(ALARM, signal)).rejects.toThrow(/"cloudwatch:DescribeAlarmHistory"/);
  });
});
