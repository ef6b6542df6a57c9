import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  type GetAliasCommandOutput,
  type GetFunctionConfigurationCommandOutput,
  type LambdaClient,
  type PublishVersionCommandInput,
  type PublishVersionCommandOutput,
  type UpdateAliasCommandInput,
  type UpdateAliasCommandOutput,
  type UpdateFunctionConfigurationCommandInput,
  type UpdateFunctionConfigurationCommandOutput,
} from '@aws-sdk/client-lambda';
import { awsSender, PERSISTENT, type AwsApiOptions } from './aws-call.ts';

/** The Lambda operations the harness uses: the project's own seam in front of the SDK client. */
export interface LambdaApi {
  getAlias(
    functionName: string,
    alias: string,
    signal?: AbortSignal,
  ): Promise<GetAliasCommandOutput>;
  updateAlias(
    input: UpdateAliasCommandInput,
    signal?: AbortSignal,
  ): Promise<UpdateAliasCommandOutput>;
  publishVersion(
    input: PublishVersionCommandInput,
    signal?: AbortSignal,
  ): Promise<PublishVersionCommandOutput>;
  /** Code hash, layers, environment and the qualified ARN of one version (or `$LATEST`). */
  getFunctionConfiguration(
    functionName: string,
    qualifier: string | undefined,
    signal?: AbortSignal,
  ): Promise<GetFunctionConfigurationCommandOutput>;
  updateFunctionConfiguration(
    input: UpdateFunctionConfigurationCommandInput,
    signal?: AbortSignal,
  ): Promise<UpdateFunctionConfigurationCommandOutput>;
}

const qualified = (name: string | undefined, qualifier?: string): string =>
  `function ${name ?? '?'}${qualifier ? `:${qualifier}` : ''}`;

export function lambdaApi(client: LambdaClient, options: AwsApiOptions = {}): LambdaApi {
  const send = awsSender(client, options);
  return {
    getAlias: (FunctionName, Name, signal) =>
      send(
        'lambda:GetAlias',
        `alias ${FunctionName}:${Name}`,
        new GetAliasCommand({ FunctionName, Name }),
        signal,
        PERSISTENT,
      ),
    // The last-resort rollback: retried until its deadline.
    updateAlias: (input, signal) =>
      send(
        'lambda:UpdateAlias',
        `alias ${input.FunctionName}:${input.Name}`,
        new UpdateAliasCommand(input),
        signal,
        PERSISTENT,
      ),
    publishVersion: (input, signal) =>
      send(
        'lambda:PublishVersion',
        qualified(input.FunctionName),
        new PublishVersionCommand(input),
        signal,
      ),
    getFunctionConfiguration: (FunctionName, Qualifier, signal) =>
      send(
        'lambda:GetFunctionConfiguration',
        qualified(FunctionName, Qualifier),
        new GetFunctionConfigurationCommand({ FunctionName, Qualifier }),
        signal,
        PERSISTENT,
      ),
    // Also puts $LATEST's configuration back after the canary is published: retried.
    updateFunctionConfiguration: (input, signal) =>
      send(
        'lambda:UpdateFunctionConfiguration',
        qualified(input.FunctionName, '$LATEST'),
        new UpdateFunctionConfigurationCommand(input),
        signal,
        PERSISTENT,
      ),
  };
}
