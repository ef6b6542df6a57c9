import { createHash } from 'node:crypto';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lambdaAliasReleaseDigest } from '../runner/release-digest.ts';
import { motoServerBinary, startMotoServer, type MotoServer } from './test-support/moto-server.ts';

/**
 * On AWS the release is the CodeSha256 of the version the alias routes to: GetAlias, then
 * GetFunctionConfiguration of that version, through the real SDK against moto's Lambda.
 */
const moto = motoServerBinary();
const FUNCTION = 'hasivu-platform-staging-orders';
/** Two different (empty) zip packages: moto stores them without running anything. */
const ZIP_V1 = Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64');
const ZIP_V2 = Buffer.concat([ZIP_V1.subarray(0, 20), Buffer.from([2, 0, 0x76, 0x32])]);
let server: MotoServer;
let client: LambdaClient;

/** moto checks that a function's role exists; IAM's query API creates one (moto ignores the signature). */
async function createRole(endpoint: string): Promise<string> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    signal: AbortSignal.timeout(10_000),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: new URLSearchParams({
      Action: 'CreateRole',
      Version: '2010-05-08',
      RoleName: 'hasivu-lambda',
      AssumeRolePolicyDocument: '{}',
    }),
  });
  const arn = /<Arn>(.*?)<\/Arn>/.exec(await response.text())?.[1];
  if (!arn) throw new Error(`moto did not create the role (HTTP ${response.status})`);
  return arn;
}

const hex = (zip: Buffer) => createHash('sha256').update(zip).digest('hex');

describe.skipIf(!moto)('release digest behind a Lambda alias (moto_server not on PATH: skipped)', () => {
  beforeAll(async () => {
    server = await startMotoServer(moto ?? '');
    client = new LambdaClient({
      region: 'ap-south-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const role = await createRole(server.endpoint);
    await client.send(
      new CreateFunctionCommand({
        FunctionName: FUNCTION,
        Runtime: 'nodejs22.x',
        Role: role,
        Handler: 'index.handler',
        Code: { ZipFile: ZIP_V1 },
      }),
    );
    const v1 = await client.send(new PublishVersionCommand({ FunctionName: FUNCTION }));
    await client.send(new CreateAliasCommand({ FunctionName: FUNCTION, Name: 'live', FunctionVersion: v1.Version }));
    // A newer version exists but the alias still serves version 1: the digest must be version 1's.
    await client.send(new UpdateFunctionCodeCommand({ FunctionName: FUNCTION, ZipFile: ZIP_V2 }));
    await client.send(new PublishVersionCommand({ FunctionName: FUNCTION }));
  });
  afterAll(async () => {
    client.destroy();
    await server[Symbol.asyncDispose]();
  });

  test('is the sha256 of the package the alias serves, named function:version', async () => {
    expect(hex(ZIP_V1)).not.toBe(hex(ZIP_V2));
    expect(await lambdaAliasReleaseDigest(client, FUNCTION, 'live')).toEqual({
      sha256: hex(ZIP_V1),
      name: `${FUNCTION}:1`,
    });
  });

  test('an alias that does not exist is a problem naming the function and alias, not a throw', async () => {
    const digest = await lambdaAliasReleaseDigest(client, FUNCTION, 'canary');
    expect(digest).toMatchObject({
      problem: expect.stringContaining(
        `reading the release digest from Lambda ${FUNCTION}:canary failed (ResourceNotFoundException`,
      ) as unknown,
    });
  });
});
