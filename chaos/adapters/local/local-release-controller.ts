import type { CreateLambdaDeploymentInput } from '../../../common/aws-shapes/codedeploy.ts';
import { CONTROL_ROUTES } from '../../../common/aws-shapes/control-api.ts';
import type {
  LambdaAliasConfiguration,
  LambdaFunctionVersion,
  ReleaseBehaviour,
} from '../../../common/aws-shapes/lambda.ts';
import type { ReleaseController } from '../../ports/release-controller.ts';
import { route, type ControlClient } from '../../../fixtures/platform-control/control-client.ts';

/** PublishVersion, CreateDeployment, StopDeployment and UpdateAlias, on the control API. */
export class LocalReleaseController implements ReleaseController {
  readonly name = 'local';
  readonly #client: ControlClient;

  constructor(client: ControlClient) {
    this.#client = client;
  }

  publishVersion(
    functionName: string,
    options: { description?: string; behaviour?: ReleaseBehaviour },
    signal: AbortSignal,
  ): Promise<LambdaFunctionVersion> {
    const { method, path } = route(CONTROL_ROUTES.publishVersion, { name: functionName });
    const body = {
      ...(options.description ? { Description: options.description } : {}),
      ...(options.behaviour ? { ReleaseBehaviour: options.behaviour } : {}),
    };
    return this.#client.call<LambdaFunctionVersion>(method, path, body, signal);
  }

  createDeployment(input: CreateLambdaDeploymentInput, signal: AbortSignal): Promise<{ deploymentId: string }> {
    const { method, path } = route(CONTROL_ROUTES.createDeployment);
    return this.#client.call<{ deploymentId: string }>(method, path, input, signal);
  }

  async stopDeployment(deploymentId: string, autoRollbackEnabled: boolean, signal: AbortSignal): Promise<void> {
    const { method, path } = route(CONTROL_ROUTES.stopDeployment, { id: deploymentId });
    await this.#client.call<unknown>(method, path, { autoRollbackEnabled }, signal);
  }

  restoreAlias(
    functionName: string,
    alias: string,
    version: string,
    signal: AbortSignal,
  ): Promise<LambdaAliasConfiguration> {
    const { method, path } = route(CONTROL_ROUTES.updateAlias, { name: functionName, alias });
    return this.#client.call<LambdaAliasConfiguration>(
      method,
      path,
      { FunctionVersion: version, RoutingConfig: { AdditionalVersionWeights: {} } },
      signal,
    );
  }
}
