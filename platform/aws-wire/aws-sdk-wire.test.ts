import {
  LambdaClient,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import {
  CodeDeployClient,
  CreateDeploymentCommand,
  CreateDeploymentConfigCommand,
  DeploymentDoesNotExistException,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  FisClient,
  CreateExperimentTemplateCommand,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentTemplatesCommand,
  ListExperimentsCommand,
  ListTagsForResourceCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  UpdateExperimentTemplateCommand,
  type CreateExperimentTemplateCommandInput,
} from '@aws-sdk/client-fis';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { waitFor } from '../../common/wait-for.ts';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { call } from '../test-support/api-client.ts';
import { FAST_EMULATION_ENV, startIsolatedPlatform, type IsolatedPlatform } from '../test-support/isolated-platform.ts';
import { sdkClients } from '../test-support/sdk-test-clients.ts';

// The real AWS SDK clients against the platform's own listener. Deployments, faults and service
// outages change what requests see, so the file has a platform of its own, with a fast clock,
// which may stop and start its Postgres and Redis.
let isolated: IsolatedPlatform;
let aws: ReturnType<typeof sdkClients>;
let url: string;

beforeAll(async () => {
  isolated = await startIsolatedPlatform({ ...process.env, ...FAST_EMULATION_ENV }, { serviceActions: true });
  url = isolated.platform.url;
  aws = sdkClients(url, isolated.platform.adminToken);
});
afterAll(async () => {
  aws?.destroy();
  await isolated?.[Symbol.asyncDispose]();
});
beforeEach(async () => {
  expect((await control('POST', '/_control/reset')).status).toBe(200);
});

const control = (method: string, path: string, body?: unknown) =>
  call(url, method, path, {
    headers: { 'x-admin-token': isolated.platform.adminToken },
    ...(body === undefined ? {} : { body }),
  });

/** Sends requests to the function while waiting, as traffic would; bounded by the deadline. */
const underTraffic = <T>(path: string, what: string, probe: () => Promise<T | undefined>): Promise<T> =>
  waitFor(
    what,
    async () => {
      await call(url, 'GET', path);
      return probe();
    },
    { timeoutMs: 15_000, intervalMs: 10 },
  );

describe('Lambda (REST-JSON)', () => {
  const FunctionName = 'createOrder';

  test('PublishVersion returns the existing version while $LATEST is unchanged, a new one after UpdateFunctionConfiguration', async () => {
    const first = await aws.lambda.send(new PublishVersionCommand({ FunctionName }));
    expect(first.Version).toBe('1');
    const again = await aws.lambda.send(new PublishVersionCommand({ FunctionName, Description: 'retry' }));
    expect(again.Version).toBe('1');

    const updated = await aws.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName,
        Description: 'canary marker',
        Environment: { Variables: { DRILL_MARKER: 'on' } },
      }),
    );
    expect(updated.Version).toBe('$LATEST');
    expect(updated.Environment?.Variables?.DRILL_MARKER).toBe('on');

    const canary = await aws.lambda.send(new PublishVersionCommand({ FunctionName }));
    expect(canary.Version).toBe('2');
    expect(canary.CodeSha256).toBe(first.CodeSha256);
    expect(canary.Description).toBe('canary marker');
    expect(canary.FunctionArn).toMatch(/:function:createOrder:2$/);
    const unchanged = await aws.lambda.send(new PublishVersionCommand({ FunctionName }));
    expect(unchanged.Version).toBe('2');

    const v1 = await aws.lambda.send(new GetFunctionConfigurationCommand({ FunctionName, Qualifier: '1' }));
    expect(v1.Environment?.Variables?.DRILL_MARKER).toBeUndefined();
    const listed = await aws.lambda.send(new ListVersionsByFunctionCommand({ FunctionName }));
    expect(listed.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
  });

  test('GetFunctionConfiguration by alias names the version the alias serves and the FIS extension', async () => {
    const live = await aws.lambda.send(new GetFunctionConfigurationCommand({ FunctionName, Qualifier: 'live' }));
    expect(live.Version).toBe('1');
    expect(live.FunctionArn).toMatch(/:function:createOrder:live$/);
    expect(live.Layers?.[0]?.Arn).toMatch(/:layer:aws-fis-extension/);
    expect(live.Environment?.Variables?.AWS_LAMBDA_EXEC_WRAPPER).toBe('/opt/aws-fis/bootstrap');
  });

  test('UpdateAlias routes weight to a second version; GetAlias reads it back; a function ARN works as the name', async () => {
    await aws.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName, Description: 'v2' }));
    const { Version } = await aws.lambda.send(new PublishVersionCommand({ FunctionName }));
    const updated = await aws.lambda.send(
      new UpdateAliasCommand({
        FunctionName,
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { [Version ?? '']: 0.25 } },
      }),
    );
    expect(updated.RoutingConfig?.AdditionalVersionWeights).toEqual({ [Version ?? '']: 0.25 });
    const read = await aws.lambda.send(
      new GetAliasCommand({
        FunctionName: 'arn:aws:lambda:ap-south-1:000000000000:function:createOrder',
        Name: 'live',
      }),
    );
    expect(read.FunctionVersion).toBe('1');
    expect(read.RoutingConfig?.AdditionalVersionWeights).toEqual({ [Version ?? '']: 0.25 });
  });

  test('errors arrive as the typed exceptions the SDK knows', async () => {
    await expect(
      aws.lambda.send(new GetAliasCommand({ FunctionName: 'noSuchFunction', Name: 'live' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const invalid = await aws.lambda
      .send(new UpdateAliasCommand({ FunctionName, Name: 'live', FunctionVersion: '99' }))
      .catch((error: unknown) => error as Error & { $metadata: { httpStatusCode?: number } });
    expect(invalid).toMatchObject({ name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
    expect((invalid as Error).message).toMatch(/version 99 is not published/);
  });

  test('a wrong access key id is refused as AWS refuses an unknown one', async () => {
    const stranger = sdkClients(url, isolated.platform.adminToken, 'AKIAWRONGWRONGWRONG1');
    try {
      await expect(stranger.lambda.send(new GetAliasCommand({ FunctionName, Name: 'live' }))).rejects.toMatchObject({
        name: 'UnrecognizedClientException',
      });
    } finally {
      stranger.destroy();
    }
  });
});

describe('CodeDeploy (JSON 1.1)', () => {
  const group = { applicationName: 'hasivu-local', deploymentGroupName: 'hasivu-local-live' };
  const appSpec = (targetVersion: string) => ({
    revisionType: 'AppSpecContent' as const,
    appSpecContent: yamlAppSpec(targetVersion),
  });
  /** A Lambda AppSpec as the CodeDeploy user guide writes it, in YAML. */
  const yamlAppSpec = (targetVersion: string) => {
    const content = [
      'version: 0.0',
      'Resources:',
      '  - livenessProbe:',
      '      Type: AWS::Lambda::Function',
      '      Properties:',
      '        Name: livenessProbe',
      '        Alias: live',
      '        CurrentVersion: 1',
      `        TargetVersion: ${targetVersion}`,
    ].join('\n');
    return { content, sha256: createHash('sha256').update(content).digest('hex') };
  };
  const canary = async () => {
    await aws.codeDeploy
      .send(
        new CreateDeploymentConfigCommand({
          deploymentConfigName: 'HasivuDrill.Canary50Percent100Minutes',
          computePlatform: 'Lambda',
          trafficRoutingConfig: {
            type: 'TimeBasedCanary',
            timeBasedCanary: { canaryPercentage: 50, canaryInterval: 100 },
          },
        }),
      )
      .catch((error: unknown) => {
        if ((error as Error).name !== 'DeploymentConfigAlreadyExistsException') throw error;
      });
    return 'HasivuDrill.Canary50Percent100Minutes';
  };

  test('the deployment group stops on the seed alarms and rolls back', async () => {
    const { deploymentGroupInfo } = await aws.codeDeploy.send(new GetDeploymentGroupCommand(group));
    expect(deploymentGroupInfo?.alarmConfiguration).toMatchObject({
      enabled: true,
      alarms: [{ name: 'hasivu-local-error-rate' }, { name: 'hasivu-local-duration' }],
    });
    expect(deploymentGroupInfo?.autoRollbackConfiguration).toMatchObject({ enabled: true });
    await expect(
      aws.codeDeploy.send(new GetDeploymentGroupCommand({ ...group, deploymentGroupName: 'nope' })),
    ).rejects.toMatchObject({ name: 'DeploymentGroupDoesNotExistException' });
  });

  test('a deployment config is created once and read back; a missing one is DeploymentConfigDoesNotExistException', async () => {
    const name = await canary();
    const { deploymentConfigInfo } = await aws.codeDeploy.send(
      new GetDeploymentConfigCommand({ deploymentConfigName: name }),
    );
    expect(deploymentConfigInfo?.trafficRoutingConfig?.timeBasedCanary?.canaryPercentage).toBe(50);
    await expect(
      aws.codeDeploy.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'HasivuDrill.None' })),
    ).rejects.toMatchObject({ name: 'DeploymentConfigDoesNotExistException' });
  });

  test('an AppSpec deployment of a failing canary is stopped by the alarm and rolled back', async () => {
    expect(
      (
        await control('POST', '/_control/lambda/functions/livenessProbe/versions', {
          ReleaseBehaviour: { errorRate: 1 },
        })
      ).status,
    ).toBe(201);
    const { deploymentId } = await aws.codeDeploy.send(
      new CreateDeploymentCommand({ ...group, deploymentConfigName: await canary(), revision: appSpec('2') }),
    );
    expect(deploymentId).toMatch(/^d-/);
    const inProgress = await aws.codeDeploy.send(
      new ListDeploymentsCommand({ ...group, includeOnlyStatuses: ['Created', 'InProgress'] }),
    );
    expect(inProgress.deployments).toContain(deploymentId);

    const stopped = await underTraffic('/health/live', 'the deployment to stop', async () => {
      const { deploymentInfo } = await aws.codeDeploy.send(new GetDeploymentCommand({ deploymentId }));
      return deploymentInfo?.status === 'Stopped' ? deploymentInfo : undefined;
    });
    expect(stopped.errorInformation?.code).toBe('ALARM_ACTIVE');
    expect(stopped.rollbackInfo?.rollbackDeploymentId).toMatch(/^d-/);
    expect(stopped.createTime).toBeInstanceOf(Date);
    const alias = await aws.lambda.send(new GetAliasCommand({ FunctionName: 'livenessProbe', Name: 'live' }));
    expect(alias).toMatchObject({ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: {} } });
    const still = await aws.codeDeploy.send(
      new ListDeploymentsCommand({ ...group, includeOnlyStatuses: ['InProgress'] }),
    );
    expect(still.deployments).toEqual([]);
  });

  test('StopDeployment with rollback shifts the traffic back; a second stop is DeploymentAlreadyCompletedException', async () => {
    expect((await control('POST', '/_control/lambda/functions/livenessProbe/versions', {})).status).toBe(201);
    const { deploymentId } = await aws.codeDeploy.send(
      new CreateDeploymentCommand({ ...group, deploymentConfigName: await canary(), revision: appSpec('2') }),
    );
    await underTraffic('/health/live', 'the canary weight', async () => {
      const alias = await aws.lambda.send(new GetAliasCommand({ FunctionName: 'livenessProbe', Name: 'live' }));
      return alias.RoutingConfig?.AdditionalVersionWeights?.['2'] ? alias : undefined;
    });
    const stop = await aws.codeDeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
    expect(stop.status).toBe('Succeeded');
    const alias = await aws.lambda.send(new GetAliasCommand({ FunctionName: 'livenessProbe', Name: 'live' }));
    expect(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).toEqual({});
    await expect(aws.codeDeploy.send(new StopDeploymentCommand({ deploymentId }))).rejects.toMatchObject({
      name: 'DeploymentAlreadyCompletedException',
    });
    await expect(aws.codeDeploy.send(new GetDeploymentCommand({ deploymentId: 'd-NOSUCH' }))).rejects.toBeInstanceOf(
      DeploymentDoesNotExistException,
    );
  });

  test('an AppSpec naming an unpublished version is InvalidRevisionException', async () => {
    await expect(
      aws.codeDeploy.send(new CreateDeploymentCommand({ ...group, revision: appSpec('9') })),
    ).rejects.toMatchObject({
      name: 'InvalidRevisionException',
      message: expect.stringMatching(/version 9 is not published/) as unknown,
    });
  });
});

describe('CloudWatch (JSON 1.0)', () => {
  test('DescribeAlarms names each alarm with its ARN and state; an ErrorRate alarm is metric math', async () => {
    const put = await control('PUT', '/_control/cloudwatch/alarms/hasivu-local-error-percent', {
      Namespace: 'AWS/Lambda',
      MetricName: 'ErrorRate',
      Statistic: 'Average',
      Dimensions: [{ Name: 'FunctionName', Value: 'createOrder' }],
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(put.status).toBe(200);
    const { MetricAlarms } = await aws.cloudWatch.send(
      new DescribeAlarmsCommand({
        AlarmNames: ['hasivu-local-error-rate', 'hasivu-local-error-percent'],
        AlarmTypes: ['MetricAlarm'],
      }),
    );
    expect(MetricAlarms?.map((a) => a.AlarmName)).toEqual(['hasivu-local-error-percent', 'hasivu-local-error-rate']);
    const [percent, errors] = MetricAlarms ?? [];
    expect(errors).toMatchObject({
      AlarmArn: 'arn:aws:cloudwatch:ap-south-1:000000000000:alarm:hasivu-local-error-rate',
      MetricName: 'Errors',
    });
    expect(['OK', 'INSUFFICIENT_DATA']).toContain(errors?.StateValue);
    expect(errors?.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(percent?.MetricName).toBeUndefined();
    expect(percent?.Metrics?.find((m) => m.ReturnData)?.Expression).toBe('100 * errors / invocations');
    expect(percent?.Metrics?.find((m) => m.Id === 'errors')?.MetricStat?.Metric?.Dimensions).toEqual([
      { Name: 'FunctionName', Value: 'createOrder' },
    ]);
  });

  test('DescribeAlarmHistory has the StateUpdate to ALARM and the Action CloudWatch ran for it', async () => {
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.url ?? '');
        res.end();
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    try {
      const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sns`;
      const since = new Date(Date.now() - 1000);
      const seed = (await aws.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['hasivu-local-error-rate'] })))
        .MetricAlarms?.[0];
      expect(
        (
          await control('PUT', '/_control/cloudwatch/alarms/hasivu-local-error-rate', {
            Namespace: seed?.Namespace,
            MetricName: seed?.MetricName,
            Statistic: seed?.Statistic,
            Period: seed?.Period,
            EvaluationPeriods: seed?.EvaluationPeriods,
            DatapointsToAlarm: seed?.DatapointsToAlarm,
            Threshold: seed?.Threshold,
            ComparisonOperator: seed?.ComparisonOperator,
            TreatMissingData: seed?.TreatMissingData,
            AlarmActions: [endpoint],
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await control('POST', '/_control/lambda/functions/livenessProbe/versions', {
            ReleaseBehaviour: { errorRate: 1 },
          })
        ).status,
      ).toBe(201);
      await aws.lambda.send(
        new UpdateAliasCommand({ FunctionName: 'livenessProbe', Name: 'live', FunctionVersion: '2' }),
      );

      const action = await underTraffic('/health/live', 'the alarm action in the history', async () => {
        const { AlarmHistoryItems } = await aws.cloudWatch.send(
          new DescribeAlarmHistoryCommand({
            AlarmName: 'hasivu-local-error-rate',
            HistoryItemType: 'Action',
            StartDate: since,
            ScanBy: 'TimestampAscending',
          }),
        );
        return AlarmHistoryItems?.[0];
      });
      expect(action.HistorySummary).toBe(`Successfully executed action ${endpoint}`);
      expect(JSON.parse(action.HistoryData ?? '{}')).toMatchObject({
        actionState: 'Succeeded',
        notificationResource: endpoint,
        publishedMessage: expect.stringContaining('"NewStateValue":"ALARM"') as unknown,
      });
      expect(received).toContain('/sns');
      const { AlarmHistoryItems: updates } = await aws.cloudWatch.send(
        new DescribeAlarmHistoryCommand({
          AlarmName: 'hasivu-local-error-rate',
          HistoryItemType: 'StateUpdate',
          StartDate: since,
        }),
      );
      const toAlarm = updates?.find(
        (item) =>
          (JSON.parse(item.HistoryData ?? '{}') as { newState?: { stateValue?: string } }).newState?.stateValue ===
          'ALARM',
      );
      expect(toAlarm?.Timestamp).toBeInstanceOf(Date);
    } finally {
      receiver.close();
    }
  });

  test('an operation the platform does not serve is UnknownOperationException', async () => {
    await expect(
      aws.cloudWatch.send(
        new SetAlarmStateCommand({ AlarmName: 'hasivu-local-error-rate', StateValue: 'OK', StateReason: 'test' }),
      ),
    ).rejects.toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
    const raw = await call(url, 'POST', '/', {
      headers: {
        'x-admin-token': isolated.platform.adminToken,
        'x-amz-target': 'NoSuchService_2020.Anything',
        'content-type': 'application/x-amz-json-1.1',
      },
      rawBody: '{}',
    });
    expect(raw.status).toBe(400);
    expect(raw.json).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

const experimentState = async (id: string) =>
  (await aws.fis.send(new GetExperimentCommand({ id }))).experiment?.state?.status;

describe('FIS (REST-JSON)', () => {
  const functionArn = (qualified: string) => `arn:aws:lambda:ap-south-1:000000000000:function:${qualified}`;
  const template = (resource: string, stopAlarm?: string): CreateExperimentTemplateCommandInput => ({
    description: 'fail the canary',
    roleArn: 'arn:aws:iam::000000000000:role/hasivu-fis',
    actions: {
      fail: {
        actionId: 'aws:lambda:invocation-error',
        parameters: { duration: 'PT1M', invocationPercentage: '100', preventExecution: 'true' },
        targets: { Functions: 'canary' },
      },
    },
    targets: {
      canary: { resourceType: 'aws:lambda:function', resourceArns: [functionArn(resource)], selectionMode: 'ALL' },
    },
    stopConditions: stopAlarm
      ? [{ source: 'aws:cloudwatch:alarm', value: `arn:aws:cloudwatch:ap-south-1:000000000000:alarm:${stopAlarm}` }]
      : [{ source: 'none' }],
    tags: { 'hasivu:harness': 'test' },
  });
  /** A canary: version 2 published from a changed $LATEST, the alias sending it half the traffic. */
  const halfToCanary = async () => {
    await aws.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'livenessProbe', Description: 'canary' }),
    );
    const { Version } = await aws.lambda.send(new PublishVersionCommand({ FunctionName: 'livenessProbe' }));
    expect(Version).toBe('2');
    await aws.lambda.send(
      new UpdateAliasCommand({
        FunctionName: 'livenessProbe',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
      }),
    );
  };

  test('templates are created, read back, updated and listed with their tags', async () => {
    const { experimentTemplate: created } = await aws.fis.send(
      new CreateExperimentTemplateCommand(template('livenessProbe')),
    );
    const id = created?.id ?? '';
    expect(created?.creationTime).toBeInstanceOf(Date);
    await aws.fis.send(
      new UpdateExperimentTemplateCommand({
        id,
        targets: {
          canary: {
            resourceType: 'aws:lambda:function',
            resourceArns: [functionArn('livenessProbe:2')],
            selectionMode: 'ALL',
          },
        },
      }),
    );
    const { experimentTemplate: read } = await aws.fis.send(new GetExperimentTemplateCommand({ id }));
    expect(read?.targets?.canary?.resourceArns).toEqual([functionArn('livenessProbe:2')]);
    expect(read?.actions?.fail?.actionId).toBe('aws:lambda:invocation-error');
    const { experimentTemplates } = await aws.fis.send(new ListExperimentTemplatesCommand({}));
    expect(experimentTemplates?.find((t) => t.id === id)?.tags).toEqual({ 'hasivu:harness': 'test' });
    await expect(aws.fis.send(new GetExperimentTemplateCommand({ id: 'EXTnosuch' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(
      aws.fis.send(
        new CreateExperimentTemplateCommand({
          ...template('livenessProbe'),
          actions: { x: { actionId: 'aws:ec2:stop-instances' } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/actions\.x\.actionId/) as unknown,
    });
  });

  test('an experiment on a qualified ARN faults only that version; it is listed with its tags and stops on request', async () => {
    await halfToCanary();
    const { experimentTemplate } = await aws.fis.send(new CreateExperimentTemplateCommand(template('livenessProbe:2')));
    const { experiment } = await aws.fis.send(
      new StartExperimentCommand({
        experimentTemplateId: experimentTemplate?.id,
        tags: { 'hasivu:harness': 'test', 'hasivu:drill': 'bad-release' },
      }),
    );
    const id = experiment?.id ?? '';
    await waitFor('the experiment to run', async () => ((await experimentState(id)) === 'running' ? true : undefined), {
      timeoutMs: 5000,
    });

    const seen = { '1': [] as number[], '2': [] as number[] };
    await waitFor(
      'responses from both versions',
      async () => {
        const response = await call(url, 'GET', '/health/live');
        const version = response.headers.get('x-amz-executed-version');
        if (version === '1' || version === '2') seen[version].push(response.status);
        return seen['1'].length >= 5 && seen['2'].length >= 5 ? true : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 5 },
    );
    expect(new Set(seen['1'])).toEqual(new Set([200]));
    expect(seen['2'].every((status) => status >= 500)).toBe(true);

    const { experiments } = await aws.fis.send(new ListExperimentsCommand({}));
    expect(experiments?.find((e) => e.id === id)).toMatchObject({
      experimentTemplateId: experimentTemplate?.id,
      state: { status: 'running' },
      tags: { 'hasivu:harness': 'test', 'hasivu:drill': 'bad-release' },
    });
    const { tags } = await aws.fis.send(
      new ListTagsForResourceCommand({ resourceArn: `arn:aws:fis:ap-south-1:000000000000:experiment/${id}` }),
    );
    expect(tags).toMatchObject({ 'hasivu:drill': 'bad-release' });

    const stopped = await aws.fis.send(new StopExperimentCommand({ id }));
    expect(['stopping', 'stopped']).toContain(stopped.experiment?.state?.status);
    await waitFor(
      'the experiment to stop',
      async () => ((await experimentState(id)) === 'stopped' ? true : undefined),
      {
        timeoutMs: 5000,
      },
    );
  });

  test('experimentOptions.actionsMode skip-all in the StartExperiment body runs the states and injects nothing', async () => {
    await halfToCanary();
    const { experimentTemplate } = await aws.fis.send(new CreateExperimentTemplateCommand(template('livenessProbe:2')));
    // The 3.523 client does not serialize experimentOptions; the body field is added as the harness does.
    const dryRun = new FisClient({
      endpoint: url,
      region: 'ap-south-1',
      credentials: { accessKeyId: isolated.platform.adminToken, secretAccessKey: 'not-verified' },
      maxAttempts: 1,
    });
    dryRun.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as { body?: string };
        if (typeof request.body === 'string')
          request.body = JSON.stringify({
            ...(JSON.parse(request.body) as object),
            experimentOptions: { actionsMode: 'skip-all' },
          });
        return next(args);
      },
      { step: 'build', priority: 'high' }, // before content-length is computed
    );
    try {
      const { experiment } = await dryRun.send(
        new StartExperimentCommand({ experimentTemplateId: experimentTemplate?.id }),
      );
      const id = experiment?.id ?? '';
      const done = await underTraffic('/health/live', 'the dry run to complete', async () => {
        const found = (await aws.fis.send(new GetExperimentCommand({ id }))).experiment;
        return found?.state?.status === 'completed' ? found : undefined;
      });
      expect(done.actions?.fail?.state?.status).toBe('skipped');
      for (let i = 0; i < 10; i++) expect((await call(url, 'GET', '/health/live')).status).toBe(200);
    } finally {
      dryRun.destroy();
    }
  });

  test('a stop-condition alarm in ALARM stops the experiment', async () => {
    await halfToCanary();
    const { experimentTemplate } = await aws.fis.send(
      new CreateExperimentTemplateCommand(template('livenessProbe:2', 'hasivu-local-error-rate')),
    );
    const { experiment } = await aws.fis.send(
      new StartExperimentCommand({ experimentTemplateId: experimentTemplate?.id }),
    );
    const id = experiment?.id ?? '';
    const ended = await underTraffic('/health/live', 'the stop condition to stop the experiment', async () => {
      const found = (await aws.fis.send(new GetExperimentCommand({ id }))).experiment;
      return found?.state?.status === 'stopped' ? found : undefined;
    });
    expect(ended.state?.reason).toMatch(/stop condition/);
    expect(ended.endTime).toBeInstanceOf(Date);
  });
});

describe('FIS service actions', () => {
  const outage = (
    actionId: string,
    resourceType: string,
    targetKey: string,
    arn: string,
    parameters: Record<string, string>,
  ) =>
    new CreateExperimentTemplateCommand({
      description: actionId,
      roleArn: 'arn:aws:iam::000000000000:role/hasivu-fis',
      actions: { outage: { actionId, parameters, targets: { [targetKey]: 'service' } } },
      targets: { service: { resourceType, resourceArns: [arn], selectionMode: 'ALL' } },
      stopConditions: [{ source: 'none' }],
    });
  const ready = async () => (await call(url, 'GET', '/health/ready')).status;
  const until = async (what: string, probe: () => Promise<boolean>) =>
    waitFor(what, async () => ((await probe()) ? true : undefined), { timeoutMs: 30_000, intervalMs: 100 });

  test('an ElastiCache AZ power interruption takes Redis away until the experiment is stopped', async () => {
    const { experimentTemplate } = await aws.fis.send(
      outage(
        'aws:elasticache:replicationgroup-interrupt-az-power',
        'aws:elasticache:replicationgroup',
        'ReplicationGroups',
        'arn:aws:elasticache:ap-south-1:000000000000:replicationgroup:hasivu-local',
        { duration: 'PT10M' },
      ),
    );
    const { experiment } = await aws.fis.send(
      new StartExperimentCommand({ experimentTemplateId: experimentTemplate?.id }),
    );
    const id = experiment?.id ?? '';
    await until('Redis to be away', async () => (await ready()) !== 200);
    expect(await experimentState(id)).toBe('running');
    await aws.fis.send(new StopExperimentCommand({ id }));
    await until('the experiment to stop', async () => (await experimentState(id)) === 'stopped');
    // Redis is back once the experiment is stopped; the platform's client reconnects on its own schedule.
    await until('the platform to be ready again', async () => (await ready()) === 200);
  }, 90_000);

  test('an RDS reboot stops and starts Postgres, and the experiment completes', async () => {
    const { experimentTemplate } = await aws.fis.send(
      outage(
        'aws:rds:reboot-db-instances',
        'aws:rds:db',
        'DBInstances',
        'arn:aws:rds:ap-south-1:000000000000:db:hasivu-local',
        {},
      ),
    );
    const { experiment } = await aws.fis.send(
      new StartExperimentCommand({ experimentTemplateId: experimentTemplate?.id }),
    );
    const id = experiment?.id ?? '';
    await until('the reboot to complete', async () => (await experimentState(id)) === 'completed');
    const { experiment: done } = await aws.fis.send(new GetExperimentCommand({ id }));
    expect(done?.actions?.outage?.state?.status).toBe('completed');
    await until('the platform to be ready', async () => (await ready()) === 200);
  }, 90_000);
});

describe('configuration from the environment', () => {
  test('AWS_ENDPOINT_URL and the admin token as AWS_ACCESS_KEY_ID point every client at the platform', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: isolated.platform.adminToken,
      AWS_SECRET_ACCESS_KEY: 'not-verified',
      AWS_REGION: 'ap-south-1',
    });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    const config = { maxAttempts: 1 };
    const clients = [
      new LambdaClient(config),
      new CodeDeployClient(config),
      new CloudWatchClient(config),
      new FisClient(config),
    ] as const;
    try {
      const [lambda, codeDeploy, cloudWatch, fis] = clients;
      expect(
        (await lambda.send(new GetAliasCommand({ FunctionName: 'createOrder', Name: 'live' }))).FunctionVersion,
      ).toBe('1');
      expect(
        (
          await codeDeploy.send(
            new GetDeploymentGroupCommand({
              applicationName: 'hasivu-local',
              deploymentGroupName: 'hasivu-local-live',
            }),
          )
        ).deploymentGroupInfo?.deploymentGroupName,
      ).toBe('hasivu-local-live');
      expect((await cloudWatch.send(new DescribeAlarmsCommand({}))).MetricAlarms?.length).toBeGreaterThan(0);
      expect((await fis.send(new ListExperimentTemplatesCommand({}))).experimentTemplates).toBeInstanceOf(Array);
    } finally {
      for (const client of clients) client.destroy();
      for (const key of [
        'AWS_ENDPOINT_URL',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_REGION',
        'AWS_PROFILE',
        'AWS_SESSION_TOKEN',
      ])
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
    }
  });
});
