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
import { awsSenders, type AwsApiOptions } from './aws-call.ts';

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

const qualified = (name: string | undefined, qualifier?: string): string =>
  `function ${name ?? '?'}${qualifier ? `:${qualifier}` : ''}`;

/** Every IAM action the Lambda API calls: each call is checked against it, and the harness policy grants it. */
export const LAMBDA_ACTIONS = [
  'lambda:GetAlias',
  'lambda:UpdateAlias',
  'lambda:PublishVersion',
  'lambda:GetFunctionConfiguration',
  'lambda:UpdateFunctionConfiguration',
] as const;
type LambdaAction = (typeof LAMBDA_ACTIONS)[number];

export function lambdaApi(client: LambdaClient, options: AwsApiOptions = {}): LambdaApi {
  const { once, persistent } = awsSenders<LambdaAction>(client, options);
  return {
    getAlias: (FunctionName, Name, signal) =>
      persistent(
        'lambda:GetAlias',
        `alias ${FunctionName}:${Name}`,
        new GetAliasCommand({ FunctionName, Name }),
        signal,
      ),
    // The last-resort rollback: retried until its deadline.
    updateAlias: (input, signal) =>
      persistent(
        'lambda:UpdateAlias',
        `alias ${input.FunctionName}:${input.Name}`,
        new UpdateAliasCommand(input),
        signal,
      ),
    publishVersion: (input, signal) =>
      once('lambda:PublishVersion', qualified(input.FunctionName), new PublishVersionCommand(input), signal),
    getFunctionConfiguration: (FunctionName, Qualifier, signal) =>
      persistent(
        'lambda:GetFunctionConfiguration',
        qualified(FunctionName, Qualifier),
        new GetFunctionConfigurationCommand({ FunctionName, Qualifier }),
        signal,
      ),
    // Also puts $LATEST's configuration back after the canary is published: retried.
    updateFunctionConfiguration: (input, signal) =>
      persistent(
        'lambda:UpdateFunctionConfiguration',
        qualified(input.FunctionName, '$LATEST'),
        new UpdateFunctionConfigurationCommand(input),
        signal,
      ),
  };
}
