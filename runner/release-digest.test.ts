import { GetAliasCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, test } from 'vitest';
import { ProfileSchema } from '../fixtures/environments/profile-schema.ts';
import { STAGING_PROFILE } from '../fixtures/environments/profiles/staging.ts';
import { healthReleaseDigest, lambdaAliasReleaseDigest, probeReleaseDigest } from './release-digest.ts';

const CODE_SHA256_BASE64 = Buffer.alloc(32, 7).toString('base64');
const CODE_SHA256_HEX = '07'.repeat(32);
const client = new LambdaClient({ region: 'ap-south-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const lambda = mockClient(client);

afterEach(() => {
  lambda.reset();
});

describe('the release digest from Lambda (GetAlias, then GetFunctionConfiguration of that version)', () => {
  test("is the CodeSha256 of the version the alias routes to, as hex, named function:version", async () => {
    lambda.on(GetAliasCommand, { FunctionName: 'hasivu-platform-staging-orders', Name: 'live' }).resolves({ FunctionVersion: '12' });
    lambda
      .on(GetFunctionConfigurationCommand, { FunctionName: 'hasivu-platform-staging-orders', Qualifier: '12' })
      .resolves({ CodeSha256: CODE_SHA256_BASE64, Version: '12' });
    lambda.on(GetFunctionConfigurationCommand, { Qualifier: '11' }).resolves({ CodeSha256: Buffer.alloc(32, 1).toString('base64') });
    expect(await lambdaAliasReleaseDigest(client, 'hasivu-platform-staging-orders', 'live')).toEqual({
      sha256: CODE_SHA256_HEX,
      name: 'hasivu-platform-staging-orders:12',
    });
  });

  test('an SDK failure is a problem naming the function, alias and error, never a throw', async () => {
    lambda.on(GetAliasCommand).rejects(Object.assign(new Error('Alias not found'), { name: 'ResourceNotFoundException' }));
    expect(await lambdaAliasReleaseDigest(client, 'f', 'live')).toEqual({
      problem: 'reading the release digest from Lambda f:live failed (ResourceNotFoundException: Alias not found)',
    });
  });

  test('a CodeSha256 that is no SHA-256 is refused', async () => {
    lambda.on(GetAliasCommand).resolves({ FunctionVersion: '3' });
    lambda.on(GetFunctionConfigurationCommand).resolves({ CodeSha256: 'not-a-digest' });
    expect(await lambdaAliasReleaseDigest(client, 'f', 'live')).toEqual({
      problem: 'lambda:GetFunctionConfiguration f:3 returned no valid CodeSha256',
    });
  });

  test('without credentials found offline, no call is made (the SDK would ask the instance metadata service)', async () => {
    const profile = ProfileSchema.parse(STAGING_PROFILE);
    const digest = await probeReleaseDigest(profile, {});
    expect(digest).toMatchObject({ problem: expect.stringContaining('no AWS credentials are set') as unknown });
  });
});

describe('the release digest from /health', () => {
  test('takes codeSha256 in base64 (as Lambda reports it) or hex', () => {
    expect(healthReleaseDigest(CODE_SHA256_BASE64)).toEqual({ sha256: CODE_SHA256_HEX });
    expect(healthReleaseDigest(`sha256:${CODE_SHA256_HEX.toUpperCase()}`)).toEqual({ sha256: CODE_SHA256_HEX });
  });

  test('says what is missing when the target reports none or a bad one', () => {
    expect(healthReleaseDigest(undefined)).toMatchObject({ problem: expect.stringContaining('reports no valid codeSha256') as unknown });
    expect(healthReleaseDigest('abc')).toMatchObject({ problem: expect.stringContaining('"abc"') as unknown });
  });
});
