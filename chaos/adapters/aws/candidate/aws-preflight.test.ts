import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CodeDeployClient, GetDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import { FisClient } from '@aws-sdk/client-fis';
import { GetAliasCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveProfile } from '../../../../fixtures/environments/resolve-profile.ts';
import type { Target } from '../../../../runner/target.ts';
import { awsCandidate } from './aws-candidate.ts';
import { awsPreflight, type AwsProfile } from './aws-preflight.ts';
import { cloudWatchApi } from '../sdk/cloudwatch-api.ts';
import { codeDeployApi } from '../sdk/codedeploy-api.ts';
import { fisExtensionProblems, unreachedFaultDiagnosis } from '../fault-injector/fis-extension-check.ts';
import { lambdaApi } from '../sdk/lambda-api.ts';
import type { AwsSdkClients } from '../sdk/sdk-clients.ts';
import { ACCOUNT, REGION } from '../test-support/fis-fixtures.ts';
import { FAKE_CREDENTIALS, awsError, forbidNetwork } from '../test-support/no-network.ts';
import { stubSdkClient, type SdkStub } from '../test-support/sdk-stub.ts';

forbidNetwork();

const signal = new AbortController().signal;
const env = {
  HARNESS_BASE_URL: 'https://api.staging.hasivu.example',
  HARNESS_AWS_FIS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/hasivu-fis`,
};
const environment = resolveProfile({ name: 'staging', env });
const aws = environment.profile.aws as AwsProfile;
const FUNCTION = 'hasivu-platform-staging-orders';
const LAYER = `arn:aws:lambda:${REGION}:211125607513:layer:aws-fis-extension-x86_64:9`;
const LOCATION = 'arn:aws:s3:::hasivu-staging-fis/FisConfigs/';

let clients: AwsSdkClients;
let stubs: { lambda: SdkStub; cloudWatch: SdkStub; codeDeploy: SdkStub; fis: SdkStub };

function healthyAccount(): void {
  stubs.cloudWatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [
      {
        AlarmName: aws.errorRateAlarm,
        AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${aws.errorRateAlarm}`,
        StateValue: 'OK',
      },
    ],
  });
  stubs.lambda.on(GetAliasCommand).resolves({
    Name: 'live',
    FunctionVersion: '6',
    RoutingConfig: { AdditionalVersionWeights: {} },
  });
  stubs.codeDeploy.on(GetDeploymentGroupCommand).resolves({
    deploymentGroupInfo: {
      applicationName: aws.codeDeployApplication,
      deploymentGroupName: aws.codeDeployDeploymentGroup,
      computePlatform: 'Lambda',
      alarmConfiguration: {
        enabled: true,
        alarms: [{ name: aws.errorRateAlarm }, { name: 'hasivu-staging-duration' }],
      },
    },
  });
  stubs.lambda.on(GetFunctionConfigurationCommand).resolves({
    FunctionName: FUNCTION,
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION}:live`,
    Version: '6',
    Layers: [{ Arn: LAYER, CodeSize: 1024 }],
    Environment: {
      Variables: {
        AWS_LAMBDA_EXEC_WRAPPER: '/opt/aws-fis/bootstrap',
        AWS_FIS_CONFIGURATION_LOCATION: LOCATION,
      },
    },
  });
}

const preflight = () =>
  awsPreflight(aws, {
    lambda: lambdaApi(clients.lambda),
    cloudWatch: cloudWatchApi(clients.cloudWatch),
    codeDeploy: codeDeployApi(clients.codeDeploy),
    needsFisRole: true,
    signal,
  });

beforeEach(() => {
  clients = {
    fis: new FisClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
    lambda: new LambdaClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
    cloudWatch: new CloudWatchClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
    codeDeploy: new CodeDeployClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
  };
  stubs = {
    fis: stubSdkClient(clients.fis),
    lambda: stubSdkClient(clients.lambda),
    cloudWatch: stubSdkClient(clients.cloudWatch),
    codeDeploy: stubSdkClient(clients.codeDeploy),
  };
});

describe('AWS preflight', () => {
  it('passes on a healthy account and learns the account id and the stable version', async () => {
    healthyAccount();
    await expect(preflight()).resolves.toEqual({
      accountId: ACCOUNT,
      functionName: FUNCTION,
      aliasVersion: '6',
      errorRateAlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${aws.errorRateAlarm}`,
    });
    expect(stubs.lambda.inputsOf(GetFunctionConfigurationCommand)).toEqual([
      { FunctionName: FUNCTION, Qualifier: 'live' },
    ]);
  });

  it('refuses when the stop-condition alarm is already in ALARM, the alias is missing and the group is missing: all at once', async () => {
    healthyAccount();
    stubs.cloudWatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: aws.errorRateAlarm,
          AlarmArn: 'arn:aws:cloudwatch:x',
          StateValue: 'ALARM',
          StateReason: 'Threshold Crossed',
        },
      ],
    });
    stubs.lambda.on(GetAliasCommand).rejects(awsError('ResourceNotFoundException', 'Alias not found'));
    stubs.codeDeploy
      .on(GetDeploymentGroupCommand)
      .rejects(awsError('DeploymentGroupDoesNotExistException', 'No Deployment Group found'));
    const error = await preflight().then(
      () => expect.fail('the preflight passed'),
      (e: unknown) => e as Error & { exitCode: number },
    );
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^Nothing was injected/);
    expect(error.message).toContain('"hasivu-staging-errors" is already in ALARM');
    expect(error.message).toContain(`function ${FUNCTION} has no alias "live"`);
    expect(error.message).toContain('no deployment group "hasivu-platform-staging-lambda"');
  });

  it('refuses a deployment group that does not stop on the ErrorRate alarm', async () => {
    healthyAccount();
    stubs.codeDeploy.on(GetDeploymentGroupCommand).resolves({
      deploymentGroupInfo: {
        deploymentGroupName: aws.codeDeployDeploymentGroup,
        alarmConfiguration: { enabled: false, alarms: [{ name: aws.errorRateAlarm }] },
      },
    });
    await expect(preflight()).rejects.toThrow(/does not stop deployments on "hasivu-staging-errors"/);
  });

  it('refuses when the alarm does not exist', async () => {
    healthyAccount();
    stubs.cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    await expect(preflight()).rejects.toThrow(/alarm "hasivu-staging-errors" does not exist in ap-south-1/);
  });

  it('names each missing FIS Lambda extension prerequisite', async () => {
    healthyAccount();
    stubs.lambda.on(GetFunctionConfigurationCommand).resolves({
      FunctionName: FUNCTION,
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION}:live`,
      Version: '6',
      Layers: [],
      Environment: { Variables: {} },
    });
    const message = await preflight().catch((e: unknown) => (e as Error).message);
    expect(message).toContain('FIS Lambda extension (layer)');
    expect(message).toContain(
      'FIS Lambda extension (exec-wrapper): hasivu-platform-staging-orders:6 has AWS_LAMBDA_EXEC_WRAPPER=(unset); set it to /opt/aws-fis/bootstrap',
    );
    expect(message).toContain('FIS Lambda extension (configuration-location)');
  });

  it('explains a fault that never reached an invocation', () => {
    const problems = fisExtensionProblems({
      FunctionName: FUNCTION,
      Version: '7',
      Layers: [{ Arn: LAYER }],
      Environment: { Variables: { AWS_LAMBDA_EXEC_WRAPPER: '/opt/aws-fis/bootstrap' } },
    });
    expect(problems.map((p) => p.prerequisite)).toEqual(['configuration-location']);
    expect(unreachedFaultDiagnosis(problems, 60_000)).toMatch(
      /never reached an invocation in 60000 ms because .*AWS_FIS_CONFIGURATION_LOCATION/,
    );
    expect(unreachedFaultDiagnosis([], 60_000)).toMatch(/s3:GetObject/);
    expect(
      fisExtensionProblems(
        {
          FunctionName: FUNCTION,
          Layers: [{ Arn: LAYER }],
          Environment: {
            Variables: {
              AWS_LAMBDA_EXEC_WRAPPER: '/opt/aws-fis/bootstrap',
              AWS_FIS_CONFIGURATION_LOCATION: 'arn:aws:s3:::other/',
            },
          },
        },
        LOCATION,
      )[0]?.message,
    ).toContain(`but the profile's aws.fisExtensionConfigurationLocation is ${LOCATION}`);
  });

  it('the aws candidate opens adapters after the preflight and injects nothing on a failed one', async () => {
    const target: Target = {
      baseUrl: 'https://api.staging.hasivu.example',
      credentials: { email: 'p@x.test', password: undefined },
      webhookSecret: undefined,
      adminToken: undefined,
      local: false,
    };
    const candidate = awsCandidate({
      env: { ...env, AWS_ACCESS_KEY_ID: 'AKIDHARNESSTEST', AWS_SECRET_ACCESS_KEY: 'not-a-secret' },
      drills: ['fis-invocation-error'],
      clients: () => clients,
    });
    stubs.cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    stubs.lambda.on(GetAliasCommand).resolves({ Name: 'live', FunctionVersion: '6' });
    stubs.lambda.on(GetFunctionConfigurationCommand).resolves({
      FunctionName: FUNCTION,
      FunctionArn: 'arn:aws:lambda:x:1:function:y',
      Version: '6',
    });
    await expect(candidate.open(target, environment, signal)).rejects.toMatchObject({
      code: 'AWS_PREFLIGHT',
    });
    expect(stubs.fis.sent()).toEqual([]);

    healthyAccount();
    const opened = await candidate.open(target, environment, signal);
    if ('skip' in opened) return expect.fail(opened.skip);
    expect(opened.source).toBe('aws');
    expect(opened.describe().target).toBe(`${FUNCTION}:live (version 6) in account ${ACCOUNT}`);
    // The drill's local names reach AWS as the profile's.
    await opened.observer.getAlias('createOrder', 'live', signal);
    expect(stubs.lambda.inputsOf(GetAliasCommand).at(-1)).toEqual({
      FunctionName: FUNCTION,
      Name: 'live',
    });
    await opened.observer.describeAlarms(['hasivu-local-error-rate'], signal);
    expect(stubs.cloudWatch.inputsOf(DescribeAlarmsCommand).at(-1)?.AlarmNames).toEqual([aws.errorRateAlarm]);
    expect(stubs.fis.sent()).toEqual([]);
    // A fault that never showed up in the traffic: the function lost its exec wrapper since.
    stubs.lambda.on(GetFunctionConfigurationCommand).resolves({
      FunctionName: FUNCTION,
      Version: '7',
      Layers: [{ Arn: LAYER }],
      Environment: { Variables: { AWS_FIS_CONFIGURATION_LOCATION: LOCATION } },
    });
    const diagnosis = await opened.diagnoseUnreachedFault?.('createOrder', 60_000, signal);
    expect(diagnosis).toMatch(
      /never reached an invocation in 60000 ms .*AWS_LAMBDA_EXEC_WRAPPER=\(unset\); set it to \/opt\/aws-fis\/bootstrap/,
    );
    // Alert delivery is read from the profile's alarm, which has no AlarmActions here: refused.
    const refusal = opened.alarms.subscribe('hasivu-local-error-rate', 'http://127.0.0.1:9/n', signal);
    await expect(refusal).rejects.toMatchObject({ code: 'AWS_PREFLIGHT' });
    await expect(refusal).rejects.toThrow(`"${aws.errorRateAlarm}", but the alarm has no AlarmActions`);
    await opened[Symbol.asyncDispose]();
  });
});
