import {
  CreateDeploymentCommand,
  CreateDeploymentConfigCommand,
  GetDeploymentConfigCommand,
  type CreateDeploymentConfigCommandInput,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  StopDeploymentCommand,
  type CodeDeployClient,
  type CreateDeploymentCommandInput,
  type CreateDeploymentCommandOutput,
  type GetDeploymentCommandOutput,
  type GetDeploymentGroupCommandOutput,
  type StopDeploymentCommandOutput,
} from '@aws-sdk/client-codedeploy';
import type { AwsApiOptions } from './aws-api-options.ts';
import { callAws } from './aws-call.ts';

/** The CodeDeploy operations the harness uses: the project's own seam in front of the SDK client. */
export interface CodeDeployApi {
  getDeployment(deploymentId: string, signal?: AbortSignal): Promise<GetDeploymentCommandOutput>;
  getDeploymentGroup(
    applicationName: string,
    deploymentGroupName: string,
    signal?: AbortSignal,
  ): Promise<GetDeploymentGroupCommandOutput>;
  createDeployment(
    input: CreateDeploymentCommandInput,
    signal?: AbortSignal,
  ): Promise<CreateDeploymentCommandOutput>;
  stopDeployment(
    deploymentId: string,
    autoRollbackEnabled: boolean,
    signal?: AbortSignal,
  ): Promise<StopDeploymentCommandOutput>;
  /** Resolves when the deployment configuration exists, throws DeploymentConfigDoesNotExistException when not. */
  getDeploymentConfig(deploymentConfigName: string, signal?: AbortSignal): Promise<unknown>;
  createDeploymentConfig(
    input: CreateDeploymentConfigCommandInput,
    signal?: AbortSignal,
  ): Promise<unknown>;
}

export function codeDeployApi(
  client: CodeDeployClient,
  options: AwsApiOptions = {},
): CodeDeployApi {
  const { retry } = options;
  return {
    getDeployment: (deploymentId, signal) =>
      callAws(
        'codedeploy:GetDeployment',
        () => client.send(new GetDeploymentCommand({ deploymentId }), { abortSignal: signal }),
        { retry, signal },
      ),
    getDeploymentGroup: (applicationName, deploymentGroupName, signal) =>
      callAws(
        'codedeploy:GetDeploymentGroup',
        () =>
          client.send(new GetDeploymentGroupCommand({ applicationName, deploymentGroupName }), {
            abortSignal: signal,
          }),
        { retry, signal },
      ),
    createDeployment: (input, signal) =>
      callAws(
        'codedeploy:CreateDeployment',
        () => client.send(new CreateDeploymentCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    getDeploymentConfig: (deploymentConfigName, signal) =>
      callAws(
        'codedeploy:GetDeploymentConfig',
        () =>
          client.send(new GetDeploymentConfigCommand({ deploymentConfigName }), {
            abortSignal: signal,
          }),
        { retry, signal },
      ),
    createDeploymentConfig: (input, signal) =>
      callAws(
        'codedeploy:CreateDeploymentConfig',
        () => client.send(new CreateDeploymentConfigCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    stopDeployment: (deploymentId, autoRollbackEnabled, signal) =>
      callAws(
        'codedeploy:StopDeployment',
        () =>
          client.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled }), {
            abortSignal: signal,
          }),
        { retry, signal },
      ),
  };
}
