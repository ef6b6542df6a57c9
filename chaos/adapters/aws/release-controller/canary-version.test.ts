import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { ChangeLog } from '../../../engine/journal-changes.ts';
import type { TargetChange } from '../../../engine/journal.ts';
import { publishCanaryVersion } from './canary-version.ts';
import { lambdaApi } from '../sdk/lambda-api.ts';
import { LIVE_SHA, stubLiveFunction } from '../test-support/canary-stubs.ts';
import { REGION } from '../test-support/fis-fixtures.ts';
import { FAKE_CREDENTIALS, NO_WAIT_RETRY, forbidNetwork } from '../test-support/no-network.ts';
import { stubSdkClient, type SdkStub } from '../test-support/sdk-stub.ts';

forbidNetwork();

const FUNCTION = 'hasivu-platform-staging-orders';
const signal = new AbortController().signal;
let lambda: SdkStub;
let client: LambdaClient;
let recorded: TargetChange['kind'][];
let changes: ChangeLog;

beforeEach(() => {
  client = new LambdaClient({ region: REGION, credentials: FAKE_CREDENTIALS });
  lambda = stubSdkClient(client);
  recorded = [];
  changes = new ChangeLog();
  changes.attach((change) => {
    recorded.push(change.kind);
    return Promise.resolve();
  });
});

const publish = (allowCodeChange = false) =>
  publishCanaryVersion(
    { lambda: lambdaApi(client, { retry: NO_WAIT_RETRY }), changes, alias: 'live', allowCodeChange },
    FUNCTION,
    'drill canary',
    signal,
  );

describe('the canary is a version the drill made, from the live code', () => {
  it('unchanged $LATEST: marks it, publishes with the live CodeSha256 as precondition, puts the description back', async () => {
    stubLiveFunction(lambda);
    const canary = await publish();
    expect(canary.version).toBe('8');
    const updates = lambda.inputsOf(UpdateFunctionConfigurationCommand);
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({ FunctionName: FUNCTION, RevisionId: 'rev-1' });
    expect(updates[0]?.Description).toMatch(/^orders \[hasivu-drill canary \d{4}-.*\]$/);
    expect(updates[1]).toEqual({ FunctionName: FUNCTION, Description: 'orders' });
    expect(lambda.inputsOf(PublishVersionCommand)).toEqual([
      { FunctionName: FUNCTION, Description: 'drill canary', CodeSha256: LIVE_SHA },
    ]);
    // The marker is journaled before it is set, and its removal after.
    expect(recorded).toEqual(['function-configuration', 'function-configuration']);
    expect(lambda.sent().indexOf('PublishVersionCommand')).toBeGreaterThan(
      lambda.sent().indexOf('UpdateFunctionConfigurationCommand'),
    );
  });

  it('refuses when PublishVersion hands back the version the alias serves, after restoring $LATEST', async () => {
    stubLiveFunction(lambda, { liveVersion: '6', published: '6' });
    const refused = publish();
    await expect(refused).rejects.toMatchObject({ code: 'CANARY_IS_LIVE' });
    await expect(refused).rejects.toThrow(/returned version 6, the one alias live serves.*Nothing was injected/);
    expect(lambda.inputsOf(UpdateFunctionConfigurationCommand).at(-1)).toEqual({
      FunctionName: FUNCTION,
      Description: 'orders',
    });
  });

  it('refuses an unreleased $LATEST before touching anything, unless asked', async () => {
    stubLiveFunction(lambda, { latestSha: 'different+code=', publishedSha: 'different+code=' });
    const refused = publish();
    await expect(refused).rejects.toMatchObject({ code: 'CANARY_CODE_DIFFERS' });
    await expect(refused).rejects.toThrow('--canary-from-latest');
    expect(lambda.sent()).toEqual([
      'GetAliasCommand',
      'GetFunctionConfigurationCommand',
      'GetFunctionConfigurationCommand',
    ]);
    const allowed = await publish(true);
    expect(allowed.version).toBe('8');
    expect(lambda.inputsOf(PublishVersionCommand).at(-1)).toEqual({
      FunctionName: FUNCTION,
      Description: 'drill canary',
    });
  });

  it('waits for $LATEST to finish updating before publishing', async () => {
    stubLiveFunction(lambda);
    lambda
      .on(GetFunctionConfigurationCommand, { Qualifier: '$LATEST' })
      .resolvesOnce({ CodeSha256: LIVE_SHA, Description: 'orders', LastUpdateStatus: 'Successful' })
      .resolvesOnce({ CodeSha256: LIVE_SHA, LastUpdateStatus: 'InProgress' })
      .resolves({ CodeSha256: LIVE_SHA, LastUpdateStatus: 'Successful' });
    await publish();
    expect(lambda.inputsOf(GetFunctionConfigurationCommand).filter((i) => i.Qualifier === '$LATEST')).toHaveLength(3);
    expect(lambda.inputsOf(GetAliasCommand)).toHaveLength(1);
  });
});
