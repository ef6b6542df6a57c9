import type { CreateLambdaDeploymentInput } from '../../common/aws-shapes/codedeploy.ts';
import type {
  LambdaAliasConfiguration,
  LambdaFunctionVersion,
  ReleaseBehaviour,
} from '../../common/aws-shapes/lambda.ts';

/**
 * The release actions a drill takes: publish a version, deploy it through the alias, stop a
 * deployment, and put an alias back. Locally the control API; on AWS Lambda and CodeDeploy.
 */
export interface ReleaseController {
  readonly name: string;
  /** `behaviour` publishes a deliberately bad release (local only; on AWS the artifact carries its bug). */
  publishVersion(
    functionName: string,
    options: { description?: string; behaviour?: ReleaseBehaviour },
    signal: AbortSignal,
  ): Promise<LambdaFunctionVersion>;
  createDeployment(input: CreateLambdaDeploymentInput, signal: AbortSignal): Promise<{ deploymentId: string }>;
  /** `autoRollbackEnabled: true` asks CodeDeploy to shift traffic back as it stops. */
  stopDeployment(deploymentId: string, autoRollbackEnabled: boolean, signal: AbortSignal): Promise<void>;
  /** The rollback of last resort: point the alias at one version with no extra weight. */
  restoreAlias(
    functionName: string,
    alias: string,
    version: string,
    signal: AbortSignal,
  ): Promise<LambdaAliasConfiguration>;
}
