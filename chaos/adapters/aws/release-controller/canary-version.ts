import { setTimeout as delay } from 'node:timers/promises';
import type { PublishVersionCommandOutput } from '@aws-sdk/client-lambda';
import { HarnessError } from '../../../../common/harness-error.ts';
import type { ChangeLog } from '../../../engine/journal-changes.ts';
import type { LambdaApi } from '../sdk/lambda-api.ts';

export interface CanaryOptions {
  lambda: LambdaApi;
  changes?: ChangeLog;
  alias: string;
  /** `--canary-from-latest`: accept `$LATEST` code that differs from the live code. */
  allowCodeChange: boolean;
  log?: (line: string) => void;
  /** How long `$LATEST` may stay `InProgress` after the marker (Lambda applies it asynchronously). */
  settleTimeoutMs?: number;
}

/** Lambda's limit on a function's description. */
const DESCRIPTION_MAX = 256;

/** Polls `$LATEST` until Lambda has applied a configuration update (`LastUpdateStatus`). */
async function settled(options: CanaryOptions, functionName: string, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + (options.settleTimeoutMs ?? 60_000);
  for (;;) {
    const latest = await options.lambda.getFunctionConfiguration(functionName, '$LATEST', signal);
    if (latest.LastUpdateStatus !== 'InProgress') {
      if (latest.LastUpdateStatus === 'Failed') {
        throw new HarnessError(
          'CANARY_MARKER',
          `lambda:UpdateFunctionConfiguration of ${functionName}:$LATEST failed: ${latest.LastUpdateStatusReason ?? 'no reason given'}; nothing was injected`,
        );
      }
      return;
    }
    if (Date.now() >= deadline) {
      throw new HarnessError(
        'CANARY_MARKER',
        `${functionName}:$LATEST was still updating after ${options.settleTimeoutMs ?? 60_000} ms; nothing was injected`,
      );
    }
    await delay(500, undefined, { signal });
  }
}

/** The version PublishVersion returned, refused unless it is a new version with the live code. */
function publishedCanary(
  options: CanaryOptions,
  functionName: string,
  output: PublishVersionCommandOutput,
  liveVersion: string,
  liveCode: string | undefined,
): string {
  const version = output.Version;
  if (!version)
    throw new HarnessError('LAMBDA_NO_VERSION', `lambda:PublishVersion of ${functionName} returned no version`);
  if (version === liveVersion || version === '$LATEST') {
    throw new HarnessError(
      'CANARY_IS_LIVE',
      `lambda:PublishVersion of ${functionName} returned version ${version}, the one alias ${options.alias} serves: a fault on it would hit all traffic. Nothing was injected.`,
    );
  }
  if (!options.allowCodeChange && output.CodeSha256 !== liveCode) {
    throw new HarnessError(
      'CANARY_CODE_CHANGED',
      `version ${version} of ${functionName} has code ${output.CodeSha256 ?? '?'}, not the live code ${liveCode ?? '?'}; nothing was injected`,
    );
  }
  return version;
}

/**
 * Publishes the drill's canary: a new version with the code the alias serves now.
 *
 * `PublishVersion` returns the existing version when `$LATEST` has not changed since it was
 * published, so a plain publish can hand back the live version itself, and a fault on the
 * "canary" would land on all traffic. The drill therefore marks `$LATEST`'s description
 * (journaled first, so `--cleanup` can take it off after a crash), publishes with the live
 * code's `CodeSha256` as a precondition, and puts the description back. Refused, before
 * anything is injected: `$LATEST`'s code differs from the live code (unless allowed), or the
 * published version is the alias's own.
 */
export async function publishCanaryVersion(
  options: CanaryOptions,
  functionName: string,
  description: string | undefined,
  signal: AbortSignal,
): Promise<{ version: string; output: PublishVersionCommandOutput }> {
  const { lambda } = options;
  const alias = await lambda.getAlias(functionName, options.alias, signal);
  const liveVersion = alias.FunctionVersion;
  if (!liveVersion)
    throw new HarnessError(
      'LAMBDA_NO_ALIAS_VERSION',
      `alias ${functionName}:${options.alias} points at no version; nothing was injected`,
    );
  const live = await lambda.getFunctionConfiguration(functionName, liveVersion, signal);
  const latest = await lambda.getFunctionConfiguration(functionName, '$LATEST', signal);
  if (latest.CodeSha256 !== live.CodeSha256 && !options.allowCodeChange) {
    throw new HarnessError(
      'CANARY_CODE_DIFFERS',
      `${functionName}:$LATEST has code ${latest.CodeSha256 ?? '?'} but alias ${options.alias} serves version ${liveVersion} with code ${live.CodeSha256 ?? '?'}: ` +
        'a canary published now would be an unreleased build, not the live code. Nothing was injected. Fix: deploy $LATEST first, or pass --canary-from-latest to drill with that build on purpose.',
    );
  }
  const original = latest.Description ?? '';
  const marker = `[hasivu-drill canary ${new Date().toISOString()}]`;
  // Journaled before the mark is set and again once it is taken off: a crash in between leaves it named.
  const descriptionChange = {
    kind: 'function-configuration',
    functionName,
    field: 'Description',
    original,
    marker,
  } as const;
  await options.changes?.record(descriptionChange);
  let output: PublishVersionCommandOutput;
  try {
    await lambda.updateFunctionConfiguration(
      {
        FunctionName: functionName,
        Description: `${original.slice(0, DESCRIPTION_MAX - marker.length - 1)} ${marker}`.trim(),
        RevisionId: latest.RevisionId,
      },
      signal,
    );
    await settled(options, functionName, signal);
    output = await lambda.publishVersion(
      {
        FunctionName: functionName,
        Description: description,
        // A precondition: if $LATEST's code changed under the drill, Lambda refuses to publish.
        ...(options.allowCodeChange ? {} : { CodeSha256: live.CodeSha256 }),
      },
      signal,
    );
  } finally {
    // Put $LATEST's description back whatever happened; the version keeps the marker.
    await lambda.updateFunctionConfiguration({ FunctionName: functionName, Description: original }, signal);
    await options.changes?.record(descriptionChange);
  }
  const version = publishedCanary(options, functionName, output, liveVersion, live.CodeSha256);
  options.log?.(
    `lambda: canary version ${version} of ${functionName} published from the live code (version ${liveVersion}, ${live.CodeSha256 ?? '?'})`,
  );
  return { version, output };
}
