import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import type { SdkStub } from './sdk-stub.ts';

export const LIVE_SHA = 'c0ffee+live/code=';

/**
 * A function whose alias serves `liveVersion`, with `$LATEST` holding `latestSha` (the live
 * code by default), and a PublishVersion that answers `published`: what the canary rule reads.
 */
export function stubLiveFunction(
  lambda: SdkStub,
  options: { liveVersion?: string; latestSha?: string; published?: string; publishedSha?: string } = {},
): void {
  const liveVersion = options.liveVersion ?? '6';
  lambda.on(GetAliasCommand).resolves({ Name: 'live', FunctionVersion: liveVersion });
  lambda
    .on(GetFunctionConfigurationCommand, { Qualifier: liveVersion })
    .resolves({ Version: liveVersion, CodeSha256: LIVE_SHA });
  lambda.on(GetFunctionConfigurationCommand, { Qualifier: '$LATEST' }).resolves({
    Version: '$LATEST',
    CodeSha256: options.latestSha ?? LIVE_SHA,
    Description: 'orders',
    RevisionId: 'rev-1',
    LastUpdateStatus: 'Successful',
  });
  lambda.on(UpdateFunctionConfigurationCommand).resolves({ LastUpdateStatus: 'InProgress' });
  lambda
    .on(PublishVersionCommand)
    .resolves({ Version: options.published ?? '8', CodeSha256: options.publishedSha ?? LIVE_SHA });
}
