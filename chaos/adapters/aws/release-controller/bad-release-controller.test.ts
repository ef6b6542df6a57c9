import { CodeDeployClient, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import {
  CreateExperimentTemplateCommand,
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentTemplatesCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  UpdateExperimentTemplateCommand,
} from '@aws-sdk/client-fis';
import { LambdaClient, PublishVersionCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { AwsReleaseController } from './aws-release-controller.ts';
import { badReleaseController } from './bad-release-controller.ts';
import { codeDeployApi } from '../sdk/codedeploy-api.ts';
import { fisApi } from '../sdk/fis-api.ts';
import { FisFaultInjector } from '../fault-injector/fis-fault-injector.ts';
import { lambdaApi } from '../sdk/lambda-api.ts';
import { REGION, SETTINGS } from '../test-support/fis-fixtures.ts';
import { FAKE_CREDENTIALS, forbidNetwork } from '../test-support/no-network.ts';
import { stubSdkClient } from '../test-support/sdk-stub.ts';
import { LIVE_SHA, stubLiveFunction } from '../test-support/canary-stubs.ts';

forbidNetwork();

const signal = new AbortController().signal;
const FUNCTION = 'hasivu-platform-staging-orders';

function setup() {
  const clients = {
    fis: new FisClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
    lambda: new LambdaClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
    codeDeploy: new CodeDeployClient({ region: REGION, credentials: FAKE_CREDENTIALS }),
  };
  const stubs = {
    fis: stubSdkClient(clients.fis),
    lambda: stubSdkClient(clients.lambda),
    codeDeploy: stubSdkClient(clients.codeDeploy),
  };
  const controller = badReleaseController(
    new AwsReleaseController({
      lambda: lambdaApi(clients.lambda),
      codeDeploy: codeDeployApi(clients.codeDeploy),
      applicationName: 'app',
      deploymentGroupName: 'group',
      alias: 'live',
    }),
    new FisFaultInjector({ api: fisApi(clients.fis), settings: SETTINGS }),
    { stopAlarm: 'hasivu-staging-errors', durationMs: 900_000, log: () => {} },
  );
  stubLiveFunction(stubs.lambda);
  const template = (qualifier: string) => ({
    experimentTemplate: {
      id: 'EXTbad',
      targets: {
        drillFunction: {
          resourceType: 'aws:lambda:function',
          resourceArns: [SETTINGS.functionArn(`${FUNCTION}:${qualifier}`)],
          selectionMode: 'ALL',
        },
      },
    },
  });
  stubs.fis.on(GetExperimentTemplateCommand).resolvesOnce(template('HASIVU_CANARY')).resolves(template('8'));
  stubs.fis.on(UpdateExperimentTemplateCommand).resolves({});
  stubs.fis.on(ListExperimentTemplatesCommand).resolves({ experimentTemplates: [] });
  stubs.fis.on(CreateExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXTbad' } });
  stubs.fis.on(StartExperimentCommand).resolves({ experiment: { id: 'EXPbad', state: { status: 'initiating' } } });
  stubs.fis.on(GetExperimentCommand).resolves({ experiment: { id: 'EXPbad', state: { status: 'running' } } });
  stubs.fis.on(StopExperimentCommand).resolves({ experiment: { id: 'EXPbad', state: { status: 'stopping' } } });
  return { controller, stubs };
}

describe('bad release on AWS', () => {
  it('publishes the healthy build and makes exactly that version fail through FIS', async () => {
    const { controller, stubs } = setup();
    const version = await controller.publishVersion(
      FUNCTION,
      { description: 'bad release: every invocation fails', behaviour: { errorRate: 1 } },
      signal,
    );
    expect(version).toMatchObject({ Version: '8', ReleaseBehaviour: { errorRate: 1 } });
    expect(stubs.lambda.inputsOf(PublishVersionCommand)).toEqual([
      { FunctionName: FUNCTION, Description: 'bad release: every invocation fails', CodeSha256: LIVE_SHA },
    ]);
    const [template] = stubs.fis.inputsOf(CreateExperimentTemplateCommand);
    // Created once per drill with the canary placeholder, then pointed at exactly version 8.
    expect(template?.targets?.drillFunction?.resourceArns).toEqual([SETTINGS.functionArn(`${FUNCTION}:HASIVU_CANARY`)]);
    expect(stubs.fis.inputsOf(UpdateExperimentTemplateCommand)).toEqual([
      {
        id: 'EXTbad',
        targets: {
          drillFunction: {
            resourceType: 'aws:lambda:function',
            resourceArns: [SETTINGS.functionArn(`${FUNCTION}:8`)],
            selectionMode: 'ALL',
          },
        },
      },
    ]);
    expect(template?.actions?.fault).toMatchObject({
      actionId: 'aws:lambda:invocation-error',
      parameters: { invocationPercentage: '100', preventExecution: 'true', duration: 'PT900S' },
    });
    expect(template?.stopConditions).toEqual([
      { source: 'aws:cloudwatch:alarm', value: SETTINGS.alarmArn('hasivu-staging-errors') },
    ]);
  });

  it('stops the fault when the deployment is stopped, and again nothing when the alias is restored', async () => {
    const { controller, stubs } = setup();
    await controller.publishVersion(FUNCTION, { behaviour: { addedLatencyMs: 2500 } }, signal);
    stubs.codeDeploy.on(StopDeploymentCommand).resolves({ status: 'Pending' });
    stubs.lambda.on(UpdateAliasCommand).resolves({ Name: 'live', FunctionVersion: '7' });
    await controller.stopDeployment('d-1', true, signal);
    expect(stubs.fis.inputsOf(StopExperimentCommand)).toEqual([{ id: 'EXPbad' }]);
    await controller.restoreAlias(FUNCTION, 'live', '7', signal);
    expect(stubs.fis.inputsOf(StopExperimentCommand)).toHaveLength(1);
  });

  it('a healthy release starts no experiment', async () => {
    const { controller, stubs } = setup();
    await controller.publishVersion(FUNCTION, { description: 'healthy' }, signal);
    expect(stubs.fis.sent()).toEqual([]);
    expect(stubs.lambda.sent()).toContain('PublishVersionCommand');
  });
});
