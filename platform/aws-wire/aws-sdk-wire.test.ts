import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { call } from '../test/api-client.ts';
import {
  FAST_EMULATION_ENV,
  startIsolatedPlatform,
  type IsolatedPlatform,
} from '../test/isolated-platform.ts';
import { sdkClients } from './sdk-test-clients.ts';

// The real AWS SDK clients against the platform's own listener. Deployments and faults change
// what requests see, so the file has a platform of its own, with a fast clock.
let isolated: IsolatedPlatform;
let aws: ReturnType<typeof sdkClients>;
let url: string;

beforeAll(async () => {
  isolated = await startIsolatedPlatform({ ...process.env, ...FAST_EMULATION_ENV });
  url = isolated.platform.url;
  aws = sdkClients(url, isolated.platform.adminToken);
});
afterAll(async () => {
  aws?.destroy();
  await isolated?.[Symbol.asyncDispose]();
});
beforeEach(async () => {
  const reset = await call(url, 'POST', '/_control/reset', {
    headers: { 'x-admin-token': isolated.platform.adminToken },
  });
  expect(reset.status).toBe(200);
});

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
      new GetAliasCommand({ FunctionName: 'arn:aws:lambda:ap-south-1:000000000000:function:createOrder', Name: 'live' }),
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
      await expect(
        stranger.lambda.send(new GetAliasCommand({ FunctionName, Name: 'live' })),
      ).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    } finally {
      stranger.destroy();
    }
  });
});
