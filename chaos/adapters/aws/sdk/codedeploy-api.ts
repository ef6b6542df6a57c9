import {
  CreateDeploymentCommand,
  CreateDeploymentConfigCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
  type CodeDeployClient,
  type CreateDeploymentCommandInput,
  type CreateDeploymentCommandOutput,
  type CreateDeploymentConfigCommandInput,
  type GetDeploymentCommandOutput,
  type GetDeploymentGroupCommandOutput,
  type ListDeploymentsCommandInput,
  type ListDeploymentsCommandOutput,
  type StopDeploymentCommandOutput,
} from '@aws-sdk/client-codedeploy';
import type { AwsApiOptions } from './aws-api-options.ts';
import { callAws } from './aws-call.ts';

/** The CodeDeploy operations the harness uses: the project's own seam in front of the SDK client. */
export interface CodeDeployApi {
  getDeployment(deploymentId: string, signal?: AbortSignal): Promise<GetDeploymentCommandOutput>;
  getDeploymentGroup(applicationName: string, deploymentGroupName: string, signal?: AbortSignal): Promise<GetDeploymentGroupCommandOutput>;
  createDeployment(input: CreateDeploymentCommandInput, signal?: AbortSignal): Promise<CreateDeploymentCommandOutput>;
  stopDeployment(deploymentId: string, autoRollbackEnabled: boolean, signal?: AbortSignal): Promise<StopDeploymentCommandOutput>;
  /** Deployment ids of one deployment group, e.g. those still in progress: what `--cleanup` looks at. */
  listDeployments(input: ListDeploymentsCommandInput, signal?: AbortSignal): Promise<ListDeploymentsCommandOutput>;
  /** Resolves when the deployment configuration exists, throws DeploymentConfigDoesNotExistException when not. */
  getDeploymentConfig(deploymentConfigName: string, signal?: AbortSignal): Promise<unknown>;
  createDeploymentConfig(input: CreateDeploymentConfigCommandInput, signal?: AbortSignal): Promise<unknown>;
}

export function codeDeployApi(client: CodeDeployClient, options: AwsApiOptions = {}): CodeDeployApi {
  const { retry } = options;
  return {
    getDeployment: (deploymentId, signal) =>
      callAws('codedeploy:GetDeployment', `deployment ${deploymentId}`, () => client.send(new GetDeploymentCommand({ deploymentId }), { abortSignal: signal }), {
        retry,
        signal,
        persistent: true,
      }),
    getDeploymentGroup: (applicationName, deploymentGroupName, signal) =>
      callAws(
        'codedeploy:GetDeploymentGroup',
        `deployment group ${applicationName}/${deploymentGroupName}`,
        () => client.send(new GetDeploymentGroupCommand({ applicationName, deploymentGroupName }), { abortSignal: signal }),
        { retry, signal },
      ),
    createDeployment: (input, signal) =>
      callAws(
        'codedeploy:CreateDeployment',
        `deployment group ${input.applicationName}/${input.deploymentGroupName}`,
        () => client.send(new CreateDeploymentCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    listDeployments: (input, signal) =>
      callAws(
        'codedeploy:ListDeployments',
        `deployment group ${input.applicationName}/${input.deploymentGroupName}`,
        () => client.send(new ListDeploymentsCommand(input), { abortSignal: signal }),
        { retry, signal, persistent: true },
      ),
    getDeploymentConfig: (deploymentConfigName, signal) =>
      callAws(
        'codedeploy:GetDeploymentConfig',
        `deployment configuration ${deploymentConfigName}`,
        () => client.send(new GetDeploymentConfigCommand({ deploymentConfigName }), { abortSignal: signal }),
        { retry, signal },
      ),
    createDeploymentConfig: (input, signal) =>
      callAws(
        'codedeploy:CreateDeploymentConfig',
        `deployment configuration ${input.deploymentConfigName}`,
        () => client.send(new CreateDeploymentConfigCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    // A rollback: retried until its deadline.
    stopDeployment: (deploymentId, autoRollbackEnabled, signal) =>
      callAws(
        'codedeploy:StopDeployment',
        `deployment ${deploymentId}`,
        () => client.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled }), { abortSignal: signal }),
        { retry, signal, persistent: true },
      ),
  };
}
