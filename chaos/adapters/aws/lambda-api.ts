import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  type GetAliasCommandOutput,
  type GetFunctionConfigurationCommandOutput,
  type LambdaClient,
  type PublishVersionCommandInput,
  type PublishVersionCommandOutput,
  type UpdateAliasCommandInput,
  type UpdateAliasCommandOutput,
} from '@aws-sdk/client-lambda';
import type { AwsApiOptions } from './aws-api-options.ts';
import { callAws } from './aws-call.ts';

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
  /** Layers, environment and the qualified ARN: what the FIS extension check reads. */
  getFunctionConfiguration(
    functionName: string,
    qualifier: string | undefined,
    signal?: AbortSignal,
  ): Promise<GetFunctionConfigurationCommandOutput>;
}

export function lambdaApi(client: LambdaClient, options: AwsApiOptions = {}): LambdaApi {
  const { retry } = options;
  return {
    getAlias: (FunctionName, Name, signal) =>
      callAws(
        'lambda:GetAlias',
        () => client.send(new GetAliasCommand({ FunctionName, Name }), { abortSignal: signal }),
        { retry, signal },
      ),
    updateAlias: (input, signal) =>
      callAws(
        'lambda:UpdateAlias',
        () => client.send(new UpdateAliasCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    publishVersion: (input, signal) =>
      callAws(
        'lambda:PublishVersion',
        () => client.send(new PublishVersionCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    getFunctionConfiguration: (FunctionName, Qualifier, signal) =>
      callAws(
        'lambda:GetFunctionConfiguration',
        () =>
          client.send(new GetFunctionConfigurationCommand({ FunctionName, Qualifier }), {
            abortSignal: signal,
          }),
        { retry, signal },
      ),
  };
}
