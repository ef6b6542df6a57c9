import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-lambda';
import { randomUUID } from 'node:crypto';
import { CreateExperimentTemplateCommand, ListExperimentsCommand } from '@aws-sdk/client-fis';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fisApi } from '../chaos/adapters/aws/sdk/fis-api.ts';
import { FisFaultInjector } from '../chaos/adapters/aws/fault-injector/fis-fault-injector.ts';
import { INVOCATION_ERROR } from '../chaos/adapters/aws/test-support/fis-fixtures.ts';
import { lambdaFunctionArn } from '../platform/local-aws-account.ts';
import { AwsReleaseController } from '../chaos/adapters/aws/release-controller/aws-release-controller.ts';
import { codeDeployApi } from '../chaos/adapters/aws/sdk/codedeploy-api.ts';
import { lambdaApi } from '../chaos/adapters/aws/sdk/lambda-api.ts';
import { LOCAL_PLATFORM_AWS, localPlatformCredentials } from '../chaos/adapters/aws/candidate/local-platform-aws.ts';
import {
  createAwsSdkClients,
  destroyAwsSdkClients,
  type AwsSdkClients,
} from '../chaos/adapters/aws/sdk/sdk-clients.ts';
import { call } from '../platform/test-support/api-client.ts';
import {
  FAST_EMULATION_ENV,
  startIsolatedPlatform,
  type IsolatedPlatform,
} from '../platform/test-support/isolated-platform.ts';
import { startFlakyAwsProxy } from './test-support/flaky-aws-proxy.ts';

// The harness's AWS adapters, real SDK clients with an endpoint URL, against the reference
// platform's AWS-compatible endpoints: the AWS path's defects, each proved on the wire.
let isolated: IsolatedPlatform;
let clients: AwsSdkClients;
const signal = AbortSignal.timeout(110_000);
const FUNCTION = LOCAL_PLATFORM_AWS.drillFunction;

const controllerOn = (sdk: AwsSdkClients) =>
  new AwsReleaseController({
    lambda: lambdaApi(sdk.lambda),
    codeDeploy: codeDeployApi(sdk.codeDeploy),
    applicationName: LOCAL_PLATFORM_AWS.codeDeployApplication,
    deploymentGroupName: LOCAL_PLATFORM_AWS.codeDeployDeploymentGroup,
    alias: LOCAL_PLATFORM_AWS.alias,
  });

beforeAll(async () => {
  isolated = await startIsolatedPlatform({ ...process.env, ...FAST_EMULATION_ENV });
  clients = createAwsSdkClients(LOCAL_PLATFORM_AWS.region, {
    endpoint: isolated.platform.url,
    credentials: localPlatformCredentials(isolated.platform.adminToken),
  });
});
afterAll(async () => {
  if (clients) destroyAwsSdkClients(clients);
  await isolated?.[Symbol.asyncDispose]();
});
beforeEach(async () => {
  const reset = await call(isolated.platform.url, 'POST', '/_control/reset', {
    headers: { 'x-admin-token': isolated.platform.adminToken },
  });
  expect(reset.status).toBe(200);
});

describe('the canary is a version the drill made', () => {
  test('unchanged $LATEST: a plain PublishVersion hands back the live version; the drill gets a new one with the live code', async () => {
    const live = await clients.lambda.send(new GetAliasCommand({ FunctionName: FUNCTION, Name: 'live' }));
    // The defect, on the wire: nothing changed since the live version, so AWS answers with it.
    const plain = await clients.lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION }));
    expect(plain.Version).toBe(live.FunctionVersion);

    const before = await clients.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: FUNCTION, Qualifier: '$LATEST' }),
    );
    const canary = await controllerOn(clients).publishVersion(FUNCTION, { description: 'drill canary' }, signal);
    expect(canary.Version).not.toBe(live.FunctionVersion);
    const [canaryConfig, liveConfig, after] = await Promise.all([
      clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FUNCTION, Qualifier: canary.Version })),
      clients.lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: FUNCTION, Qualifier: live.FunctionVersion }),
      ),
      clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FUNCTION, Qualifier: '$LATEST' })),
    ]);
    expect(canaryConfig.CodeSha256).toBe(liveConfig.CodeSha256);
    // $LATEST is as the drill found it; the marker stays on the canary version only.
    expect(after.Description).toBe(before.Description);
    expect(canaryConfig.Description ?? '').not.toBe('');
    // The alias still serves the live version: publishing moved nothing.
    expect(
      (await clients.lambda.send(new GetAliasCommand({ FunctionName: FUNCTION, Name: 'live' }))).FunctionVersion,
    ).toBe(live.FunctionVersion);
  });
});

describe('every experiment touches only the canary', () => {
  test('a pinned template targeting the whole function is refused with the reason; nothing starts', async () => {
    const functionArn = lambdaFunctionArn(FUNCTION);
    const created = await clients.fis.send(
      new CreateExperimentTemplateCommand({
        clientToken: randomUUID(),
        description: 'pinned by hand, on every version',
        roleArn: LOCAL_PLATFORM_AWS.fisRoleArn,
        stopConditions: [{ source: 'none' }],
        targets: {
          Functions: { resourceType: 'aws:lambda:function', resourceArns: [functionArn], selectionMode: 'ALL' },
        },
        actions: {
          fault: {
            actionId: 'aws:lambda:invocation-error',
            parameters: { invocationPercentage: '100', duration: 'PT1M' },
            targets: { Functions: 'Functions' },
          },
        },
        tags: {},
      }),
    );
    const templateId = created.experimentTemplate?.id ?? '';
    const injector = new FisFaultInjector({
      api: fisApi(clients.fis),
      settings: {
        roleArn: LOCAL_PLATFORM_AWS.fisRoleArn ?? '',
        functionArn: (name) => lambdaFunctionArn(name),
        alarmArn: (name) => name,
      },
      templateIds: { 'fis-invocation-error': templateId },
    });
    const canary = {
      ...INVOCATION_ERROR,
      targets: { canary: { ...INVOCATION_ERROR.targets.canary!, resourceArns: [`${FUNCTION}:7`] } },
    };
    const refused = injector.start(canary, signal);
    await expect(refused).rejects.toMatchObject({ code: 'FIS_TEMPLATE_TOO_WIDE' });
    await expect(refused).rejects.toThrow(
      `target Functions is the unqualified function ${functionArn}: every version, the live one included`,
    );
    expect((await clients.fis.send(new ListExperimentsCommand({}))).experiments ?? []).toEqual([]);
  });
});

describe('rollbacks get through transient failures', () => {
  test('a 500 on UpdateAlias during the last-resort rollback is retried by the SDK; the alias comes back', async () => {
    const live = await clients.lambda.send(new GetAliasCommand({ FunctionName: FUNCTION, Name: 'live' }));
    const canary = await controllerOn(clients).publishVersion(FUNCTION, { description: 'drill canary' }, signal);
    await clients.lambda.send(
      new UpdateAliasCommand({
        FunctionName: FUNCTION,
        Name: 'live',
        RoutingConfig: { AdditionalVersionWeights: { [canary.Version]: 0.2 } },
      }),
    );
    await using proxy = await startFlakyAwsProxy(
      isolated.platform.url,
      (method, path) => method === 'PUT' && path.includes(`/functions/${FUNCTION}/aliases/live`),
      2,
    );
    const flaky = createAwsSdkClients(LOCAL_PLATFORM_AWS.region, {
      endpoint: proxy.url,
      credentials: localPlatformCredentials(isolated.platform.adminToken),
    });
    try {
      const restored = await controllerOn(flaky).restoreAlias(FUNCTION, 'live', live.FunctionVersion ?? '', signal);
      expect(restored.FunctionVersion).toBe(live.FunctionVersion);
    } finally {
      destroyAwsSdkClients(flaky);
    }
    expect(proxy.failed).toBe(2);
    expect(proxy.matched).toBe(3);
    const alias = await clients.lambda.send(new GetAliasCommand({ FunctionName: FUNCTION, Name: 'live' }));
    expect(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).toEqual({});
  });
});
