import {
  CodeDeployClient,
  CreateDeploymentCommand,
  CreateDeploymentConfigCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetAliasCommand, LambdaClient, PublishVersionCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsReleaseController } from './aws-release-controller.ts';
import { cloudWatchApi } from '../sdk/cloudwatch-api.ts';
import { codeDeployApi } from '../sdk/codedeploy-api.ts';
import { lambdaApi } from '../sdk/lambda-api.ts';
import { REGION } from '../test-support/fis-fixtures.ts';
import { LIVE_SHA, stubLiveFunction } from '../test-support/canary-stubs.ts';
import { FAKE_CREDENTIALS, awsError, forbidNetwork } from '../test-support/no-network.ts';
import { stubSdkClient, type SdkStub } from '../test-support/sdk-stub.ts';

forbidNetwork();

const signal = new AbortController().signal;
const FUNCTION = 'hasivu-platform-staging-orders';
let lambda: SdkStub;
let codeDeploy: SdkStub;
let controller: AwsReleaseController;

beforeEach(() => {
  const lambdaClient = new LambdaClient({ region: REGION, credentials: FAKE_CREDENTIALS });
  const codeDeployClient = new CodeDeployClient({ region: REGION, credentials: FAKE_CREDENTIALS });
  lambda = stubSdkClient(lambdaClient);
  codeDeploy = stubSdkClient(codeDeployClient);
  controller = new AwsReleaseController({
    lambda: lambdaApi(lambdaClient),
    codeDeploy: codeDeployApi(codeDeployClient),
    applicationName: 'hasivu-platform-staging',
    deploymentGroupName: 'hasivu-platform-staging-lambda',
    alias: 'live',
  });
});

describe('AWS release controller', () => {
  it('deploys a version through CodeDeploy with a Lambda AppSpec built from the alias', async () => {
    lambda.on(GetAliasCommand).resolves({ Name: 'live', FunctionVersion: '6' });
    codeDeploy.on(CreateDeploymentCommand).resolves({ deploymentId: 'd-A1B2C3D4E' });
    const result = await controller.createDeployment(
      {
        functionName: FUNCTION,
        alias: 'live',
        targetVersion: '7',
        deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        autoRollbackConfiguration: {
          enabled: true,
          events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
        },
      },
      signal,
    );
    expect(result.deploymentId).toBe('d-A1B2C3D4E');
    const [input] = codeDeploy.inputsOf(CreateDeploymentCommand);
    expect(input).toMatchObject({
      applicationName: 'hasivu-platform-staging',
      deploymentGroupName: 'hasivu-platform-staging-lambda',
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      autoRollbackConfiguration: { enabled: true },
      revision: { revisionType: 'AppSpecContent' },
    });
    const appSpec = input?.revision?.appSpecContent;
    expect(appSpec?.content).toMatch(/^\{"version":0\.0,"Resources"/);
    expect(JSON.parse(appSpec?.content ?? '{}')).toEqual({
      version: 0,
      Resources: [
        {
          [FUNCTION]: {
            Type: 'AWS::Lambda::Function',
            Properties: { Name: FUNCTION, Alias: 'live', CurrentVersion: '6', TargetVersion: '7' },
          },
        },
      ],
    });
    expect(appSpec?.sha256).toBe(
      createHash('sha256')
        .update(appSpec?.content ?? '')
        .digest('hex'),
    );
  });

  it("creates the drill's deployment configuration once, for Lambda, when CodeDeploy has none", async () => {
    lambda.on(GetAliasCommand).resolves({ Name: 'live', FunctionVersion: '6' });
    codeDeploy.on(CreateDeploymentCommand).resolves({ deploymentId: 'd-B' });
    codeDeploy
      .on(GetDeploymentConfigCommand)
      .rejectsOnce(awsError('DeploymentConfigDoesNotExistException', 'not found'))
      .resolves({
        deploymentConfigInfo: { deploymentConfigName: 'HasivuDrill.Canary20Percent5Minutes' },
      });
    codeDeploy.on(CreateDeploymentConfigCommand).resolves({ deploymentConfigId: 'cfg-1' });
    const input = {
      functionName: FUNCTION,
      alias: 'live',
      targetVersion: '7',
      deploymentConfigName: 'HasivuDrill.Canary20Percent5Minutes',
      trafficRoutingConfig: {
        type: 'TimeBasedCanary' as const,
        timeBasedCanary: { canaryPercentage: 20, canaryInterval: 5 },
      },
    };
    await controller.createDeployment(input, signal);
    await controller.createDeployment(input, signal);
    expect(codeDeploy.inputsOf(CreateDeploymentConfigCommand)).toEqual([
      {
        deploymentConfigName: 'HasivuDrill.Canary20Percent5Minutes',
        computePlatform: 'Lambda',
        trafficRoutingConfig: {
          type: 'TimeBasedCanary',
          timeBasedCanary: { canaryPercentage: 20, canaryInterval: 5 },
        },
      },
    ]);
    expect(codeDeploy.inputsOf(CreateDeploymentCommand).map((i) => i.deploymentConfigName)).toEqual([
      'HasivuDrill.Canary20Percent5Minutes',
      'HasivuDrill.Canary20Percent5Minutes',
    ]);
  });

  it('stops a deployment asking CodeDeploy to roll back', async () => {
    codeDeploy.on(StopDeploymentCommand).resolves({ status: 'Pending', statusMessage: 'Stopping' });
    await controller.stopDeployment('d-A1B2C3D4E', true, signal);
    expect(codeDeploy.inputsOf(StopDeploymentCommand)).toEqual([
      { deploymentId: 'd-A1B2C3D4E', autoRollbackEnabled: true },
    ]);
  });

  it('restores the alias to one version with no extra weight', async () => {
    lambda.on(UpdateAliasCommand).resolves({
      Name: 'live',
      FunctionVersion: '6',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    const alias = await controller.restoreAlias(FUNCTION, 'live', '6', signal);
    expect(lambda.inputsOf(UpdateAliasCommand)).toEqual([
      {
        FunctionName: FUNCTION,
        Name: 'live',
        FunctionVersion: '6',
        RoutingConfig: { AdditionalVersionWeights: {} },
      },
    ]);
    expect(alias).toMatchObject({
      FunctionVersion: '6',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
  });

  it('publishes the canary from the live code, and refuses a local-only release behaviour on AWS', async () => {
    stubLiveFunction(lambda);
    expect(await controller.publishVersion(FUNCTION, { description: 'drill' }, signal)).toMatchObject({ Version: '8' });
    await expect(controller.publishVersion(FUNCTION, { behaviour: { errorRate: 1 } }, signal)).rejects.toMatchObject({
      code: 'AWS_RELEASE_BEHAVIOUR',
    });
    expect(lambda.inputsOf(PublishVersionCommand)).toEqual([
      { FunctionName: FUNCTION, Description: 'drill', CodeSha256: LIVE_SHA },
    ]);
  });

  it('names lambda:UpdateAlias when the rollback of last resort is denied', async () => {
    lambda.on(UpdateAliasCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    await expect(controller.restoreAlias(FUNCTION, 'live', '6', signal)).rejects.toThrow(/"lambda:UpdateAlias"/);
  });
});

describe("AWS release controller: the deployment group's alarms must be quiet before a deployment", () => {
  const DEPLOYMENT = {
    functionName: FUNCTION,
    alias: 'live',
    targetVersion: '7',
    deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
  };
  const alarm = (StateValue: 'OK' | 'ALARM') => ({
    MetricAlarms: [{ AlarmName: 'hasivu-staging-error-rate', StateValue }],
  });
  let cloudWatch: SdkStub;

  const watchingController = (quietTimeoutMs: number) => {
    const lambdaClient = new LambdaClient({ region: REGION, credentials: FAKE_CREDENTIALS });
    const codeDeployClient = new CodeDeployClient({
      region: REGION,
      credentials: FAKE_CREDENTIALS,
    });
    const cloudWatchClient = new CloudWatchClient({
      region: REGION,
      credentials: FAKE_CREDENTIALS,
    });
    lambda = stubSdkClient(lambdaClient);
    codeDeploy = stubSdkClient(codeDeployClient);
    cloudWatch = stubSdkClient(cloudWatchClient);
    lambda.on(GetAliasCommand).resolves({ Name: 'live', FunctionVersion: '6' });
    codeDeploy.on(CreateDeploymentCommand).resolves({ deploymentId: 'd-QUIET' });
    codeDeploy.on(GetDeploymentGroupCommand).resolves({
      deploymentGroupInfo: {
        alarmConfiguration: { enabled: true, alarms: [{ name: 'hasivu-staging-error-rate' }] },
      },
    });
    return new AwsReleaseController({
      lambda: lambdaApi(lambdaClient),
      codeDeploy: codeDeployApi(codeDeployClient),
      cloudWatch: cloudWatchApi(cloudWatchClient),
      applicationName: 'hasivu-platform-staging',
      deploymentGroupName: 'hasivu-platform-staging-lambda',
      alias: 'live',
      quietTimeoutMs,
    });
  };

  it('deploys once an alarm in ALARM has left it', async () => {
    const quiet = watchingController(10_000);
    cloudWatch.on(DescribeAlarmsCommand).resolvesOnce(alarm('ALARM')).resolves(alarm('OK'));
    await expect(quiet.createDeployment(DEPLOYMENT, signal)).resolves.toEqual({
      deploymentId: 'd-QUIET',
    });
    expect(cloudWatch.inputsOf(DescribeAlarmsCommand)).toHaveLength(2);
  });

  it('refuses, naming the alarm, when it stays in ALARM past the timeout; nothing is deployed', async () => {
    const stuck = watchingController(50);
    cloudWatch.on(DescribeAlarmsCommand).resolves(alarm('ALARM'));
    await expect(stuck.createDeployment(DEPLOYMENT, signal)).rejects.toMatchObject({
      code: 'DEPLOYMENT_GROUP_ALARM',
      message: expect.stringMatching(/has hasivu-staging-error-rate in ALARM after 50 ms/) as unknown,
    });
    expect(codeDeploy.inputsOf(CreateDeploymentCommand)).toEqual([]);
  });

  it('an alarm it may not read ends the wait at once, with the permission to grant', async () => {
    const denied = watchingController(30_000);
    cloudWatch.on(DescribeAlarmsCommand).rejects(awsError('AccessDenied', 'not authorized'));
    await expect(denied.createDeployment(DEPLOYMENT, AbortSignal.timeout(5_000))).rejects.toMatchObject({
      code: 'AWS_ACCESS_DENIED',
    });
    expect(cloudWatch.inputsOf(DescribeAlarmsCommand)).toHaveLength(1);
    expect(codeDeploy.inputsOf(CreateDeploymentCommand)).toEqual([]);
  });
});
