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
import type { AwsApiOptions } from './aws-api-options.ts';
import { callAws } from './aws-call.ts';

/** The Lambda operations the harness uses: the project's own seam in front of the SDK client. */
export interface LambdaApi {
  getAlias(functionName: string, alias: string, signal?: AbortSignal): Promise<GetAliasCommandOutput>;
  updateAlias(input: UpdateAliasCommandInput, signal?: AbortSignal): Promise<UpdateAliasCommandOutput>;
  publishVersion(input: PublishVersionCommandInput, signal?: AbortSignal): Promise<PublishVersionCommandOutput>;
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

const qualified = (name: string | undefined, qualifier?: string): string => `function ${name ?? '?'}${qualifier ? `:${qualifier}` : ''}`;

export function lambdaApi(client: LambdaClient, options: AwsApiOptions = {}): LambdaApi {
  const { retry } = options;
  return {
    getAlias: (FunctionName, Name, signal) =>
      callAws('lambda:GetAlias', `alias ${FunctionName}:${Name}`, () => client.send(new GetAliasCommand({ FunctionName, Name }), { abortSignal: signal }), {
        retry,
        signal,
        persistent: true,
      }),
    // The last-resort rollback: retried until its deadline.
    updateAlias: (input, signal) =>
      callAws('lambda:UpdateAlias', `alias ${input.FunctionName}:${input.Name}`, () => client.send(new UpdateAliasCommand(input), { abortSignal: signal }), {
        retry,
        signal,
        persistent: true,
      }),
    publishVersion: (input, signal) =>
      callAws('lambda:PublishVersion', qualified(input.FunctionName), () => client.send(new PublishVersionCommand(input), { abortSignal: signal }), {
        retry,
        signal,
      }),
    getFunctionConfiguration: (FunctionName, Qualifier, signal) =>
      callAws(
        'lambda:GetFunctionConfiguration',
        qualified(FunctionName, Qualifier),
        () => client.send(new GetFunctionConfigurationCommand({ FunctionName, Qualifier }), { abortSignal: signal }),
        { retry, signal, persistent: true },
      ),
    // Also puts $LATEST's configuration back after the canary is published: retried.
    updateFunctionConfiguration: (input, signal) =>
      callAws(
        'lambda:UpdateFunctionConfiguration',
        qualified(input.FunctionName, '$LATEST'),
        () => client.send(new UpdateFunctionConfigurationCommand(input), { abortSignal: signal }),
        { retry, signal, persistent: true },
      ),
  };
}
