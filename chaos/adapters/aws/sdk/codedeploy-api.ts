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
import { awsSenders, type AwsApiOptions } from './aws-call.ts';

/** The CodeDeploy operations the harness uses: the project's own seam in front of the SDK client. */
export interface CodeDeployApi {
  getDeployment(deploymentId: string, signal?: AbortSignal): Promise<GetDeploymentCommandOutput>;
  getDeploymentGroup(
    applicationName: string,
    deploymentGroupName: string,
    signal?: AbortSignal,
  ): Promise<GetDeploymentGroupCommandOutput>;
  createDeployment(input: CreateDeploymentCommandInput, signal?: AbortSignal): Promise<CreateDeploymentCommandOutput>;
  stopDeployment(
    deploymentId: string,
    autoRollbackEnabled: boolean,
    signal?: AbortSignal,
  ): Promise<StopDeploymentCommandOutput>;
  /** Deployment ids of one deployment group, e.g. those still in progress: what `--cleanup` looks at. */
  listDeployments(input: ListDeploymentsCommandInput, signal?: AbortSignal): Promise<ListDeploymentsCommandOutput>;
  /** Resolves when the deployment configuration exists, throws DeploymentConfigDoesNotExistException when not. */
  getDeploymentConfig(deploymentConfigName: string, signal?: AbortSignal): Promise<unknown>;
  createDeploymentConfig(input: CreateDeploymentConfigCommandInput, signal?: AbortSignal): Promise<unknown>;
}

const deploymentGroup = (input: { applicationName?: string; deploymentGroupName?: string }): string =>
  `deployment group ${input.applicationName}/${input.deploymentGroupName}`;

/** Every IAM action the CodeDeploy API calls: each call is checked against it, and the harness policy grants it. */
export const CODEDEPLOY_ACTIONS = [
  'codedeploy:GetDeployment',
  'codedeploy:GetDeploymentGroup',
  'codedeploy:CreateDeployment',
  'codedeploy:ListDeployments',
  'codedeploy:GetDeploymentConfig',
  'codedeploy:CreateDeploymentConfig',
  'codedeploy:StopDeployment',
] as const;
type CodeDeployAction = (typeof CODEDEPLOY_ACTIONS)[number];

export function codeDeployApi(client: CodeDeployClient, options: AwsApiOptions = {}): CodeDeployApi {
  const { once, persistent } = awsSenders<CodeDeployAction>(client, options);
  return {
    getDeployment: (deploymentId, signal) =>
      persistent(
        'codedeploy:GetDeployment',
        `deployment ${deploymentId}`,
        new GetDeploymentCommand({ deploymentId }),
        signal,
      ),
    getDeploymentGroup: (applicationName, deploymentGroupName, signal) =>
      once(
        'codedeploy:GetDeploymentGroup',
        deploymentGroup({ applicationName, deploymentGroupName }),
        new GetDeploymentGroupCommand({ applicationName, deploymentGroupName }),
        signal,
      ),
    createDeployment: (input, signal) =>
      once('codedeploy:CreateDeployment', deploymentGroup(input), new CreateDeploymentCommand(input), signal),
    listDeployments: (input, signal) =>
      persistent('codedeploy:ListDeployments', deploymentGroup(input), new ListDeploymentsCommand(input), signal),
    getDeploymentConfig: (deploymentConfigName, signal) =>
      once(
        'codedeploy:GetDeploymentConfig',
        `deployment configuration ${deploymentConfigName}`,
        new GetDeploymentConfigCommand({ deploymentConfigName }),
        signal,
      ),
    createDeploymentConfig: (input, signal) =>
      once(
        'codedeploy:CreateDeploymentConfig',
        `deployment configuration ${input.deploymentConfigName}`,
        new CreateDeploymentConfigCommand(input),
        signal,
      ),
    // A rollback: retried until its deadline.
    stopDeployment: (deploymentId, autoRollbackEnabled, signal) =>
      persistent(
        'codedeploy:StopDeployment',
        `deployment ${deploymentId}`,
        new StopDeploymentCommand({ deploymentId, autoRollbackEnabled }),
        signal,
      ),
  };
}
