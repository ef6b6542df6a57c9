import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeDeployClient,
  GetDeploymentCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { FisClient, GetExperimentCommand, ListExperimentsCommand, StopExperimentCommand } from '@aws-sdk/client-fis';
import { GetAliasCommand, LambdaClient, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { codeDeployApi } from '../adapters/aws/sdk/codedeploy-api.ts';
import { fisApi } from '../adapters/aws/sdk/fis-api.ts';
import { FisFaultInjector } from '../adapters/aws/fault-injector/fis-fault-injector.ts';
import { lambdaApi } from '../adapters/aws/sdk/lambda-api.ts';
import { REGION, SETTINGS } from '../adapters/aws/test-support/fis-fixtures.ts';
import { FAKE_CREDENTIALS, NO_WAIT_RETRY, awsError, forbidNetwork } from '../adapters/aws/test-support/no-network.ts';
import { stubSdkClient } from '../adapters/aws/test-support/sdk-stub.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { cleanUpAwsLeftovers } from './aws-leftovers.ts';

forbidNetwork();

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const profile = resolveProfile({ name: 'staging', env: {}, requireBaseUrl: false }).profile.aws!;
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
  const apis = {
    injector: new FisFaultInjector({ api: fisApi(clients.fis, { retry: NO_WAIT_RETRY }), settings: SETTINGS }),
    lambda: lambdaApi(clients.lambda, { retry: NO_WAIT_RETRY }),
    codeDeploy: codeDeployApi(clients.codeDeploy, { retry: NO_WAIT_RETRY }),
    profile,
  };
  const reports = mkdtempSync(join(tmpdir(), 'hasivu-leftovers-'));
  dirs.push(reports);
  return { stubs, apis, reports, profile };
}

describe('--cleanup finds leftovers on the account, without any journal', () => {
  it("stops tagged experiments and the harness's own deployments, takes the alias weight off, leaves others' deployments alone", async () => {
    const { stubs, apis, reports, profile } = setup();
    stubs.fis.on(ListExperimentsCommand).resolves({
      experiments: [
        { id: 'EXPleft', state: { status: 'running' }, tags: { 'hasivu:harness': 'true' } },
        { id: 'EXPsomeoneelse', state: { status: 'running' }, tags: {} },
        { id: 'EXPdone', state: { status: 'completed' }, tags: { 'hasivu:harness': 'true' } },
      ],
    });
    stubs.fis
      .on(GetExperimentCommand, { id: 'EXPleft' })
      .resolvesOnce({ experiment: { id: 'EXPleft', state: { status: 'running' } } })
      .resolves({ experiment: { id: 'EXPleft', state: { status: 'stopped' } } });
    stubs.fis.on(StopExperimentCommand).resolves({ experiment: { id: 'EXPleft', state: { status: 'stopping' } } });
    stubs.codeDeploy.on(ListDeploymentsCommand).resolves({ deployments: ['d-HARNESS01', 'd-RELEASE01'] });
    stubs.codeDeploy
      .on(GetDeploymentCommand, { deploymentId: 'd-HARNESS01' })
      .resolves({ deploymentInfo: { status: 'InProgress', description: 'hasivu-verify drill: x:live 6 -> 8' } });
    stubs.codeDeploy
      .on(GetDeploymentCommand, { deploymentId: 'd-RELEASE01' })
      .resolves({ deploymentInfo: { status: 'InProgress', description: 'release 2026.12' } });
    stubs.codeDeploy.on(StopDeploymentCommand).resolves({ status: 'Pending' });
    stubs.lambda
      .on(GetAliasCommand)
      .resolves({ FunctionVersion: '6', RoutingConfig: { AdditionalVersionWeights: { '8': 0.2 } } });
    stubs.lambda.on(UpdateAliasCommand).resolves({ FunctionVersion: '6' });

    const report = await cleanUpAwsLeftovers(reports, apis, new AbortController().signal, 0);
    expect(report.failed).toEqual([]);
    expect(report.undone).toHaveLength(3);
    expect(stubs.fis.inputsOf(StopExperimentCommand)).toEqual([{ id: 'EXPleft' }]);
    expect(stubs.codeDeploy.inputsOf(ListDeploymentsCommand)[0]).toMatchObject({
      applicationName: profile.codeDeployApplication,
      deploymentGroupName: profile.codeDeployDeploymentGroup,
    });
    expect(stubs.codeDeploy.inputsOf(StopDeploymentCommand)).toEqual([
      { deploymentId: 'd-HARNESS01', autoRollbackEnabled: true },
    ]);
    expect(stubs.lambda.inputsOf(UpdateAliasCommand)).toEqual([
      {
        FunctionName: `${profile.functionPrefix}${profile.drillFunction}`,
        Name: profile.alias,
        FunctionVersion: '6',
        RoutingConfig: { AdditionalVersionWeights: {} },
      },
    ]);
  });

  it('names what it could not undo', async () => {
    const { stubs, apis, reports } = setup();
    stubs.fis.on(ListExperimentsCommand).resolves({ experiments: [] });
    stubs.codeDeploy.on(ListDeploymentsCommand).resolves({ deployments: [] });
    stubs.lambda
      .on(GetAliasCommand)
      .resolves({ FunctionVersion: '6', RoutingConfig: { AdditionalVersionWeights: { '8': 0.2 } } });
    stubs.lambda.on(UpdateAliasCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    const report = await cleanUpAwsLeftovers(reports, apis, new AbortController().signal, 0);
    expect(report.undone).toEqual([]);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]).toMatch(/^alias .*:live: AWS refused lambda:UpdateAlias/);
  });
});
