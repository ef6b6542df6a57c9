import type { AlarmHistoryItem, MetricAlarm } from '../../../common/aws-shapes/cloudwatch.ts';
import type { DeploymentInfo } from '../../../common/aws-shapes/codedeploy.ts';
import { CONTROL_ROUTES } from '../../../common/aws-shapes/control-api.ts';
import type { LambdaAliasConfiguration } from '../../../common/aws-shapes/lambda.ts';
import type { ReleaseObserver } from '../../ports/release-observer.ts';
import { route, type ControlClient } from '../../../fixtures/platform-control/control-client.ts';

/** Lambda GetAlias, CloudWatch DescribeAlarms/History and CodeDeploy GetDeployment, on the control API. */
export class LocalReleaseObserver implements ReleaseObserver {
  readonly name = 'local';
  readonly #client: ControlClient;

  constructor(client: ControlClient) {
    this.#client = client;
  }

  getAlias(functionName: string, alias: string, signal: AbortSignal): Promise<LambdaAliasConfiguration> {
    const { method, path } = route(CONTROL_ROUTES.getAlias, { name: functionName, alias });
    return this.#client.call<LambdaAliasConfiguration>(method, path, undefined, signal);
  }

  async describeAlarms(alarmNames: readonly string[], signal: AbortSignal): Promise<MetricAlarm[]> {
    const { method, path } = route(CONTROL_ROUTES.describeAlarms);
    const { MetricAlarms } = await this.#client.call<{ MetricAlarms: MetricAlarm[] }>(method, path, undefined, signal);
    return alarmNames.length === 0 ? MetricAlarms : MetricAlarms.filter((a) => alarmNames.includes(a.AlarmName));
  }

  async alarmHistory(alarmName: string, signal: AbortSignal): Promise<AlarmHistoryItem[]> {
    const { method, path } = route(CONTROL_ROUTES.alarmHistory, { name: alarmName });
    return (await this.#client.call<{ AlarmHistoryItems: AlarmHistoryItem[] }>(method, path, undefined, signal))
      .AlarmHistoryItems;
  }

  async getDeployment(deploymentId: string, signal: AbortSignal): Promise<DeploymentInfo> {
    const { method, path } = route(CONTROL_ROUTES.getDeployment, { id: deploymentId });
    return (await this.#client.call<{ deploymentInfo: DeploymentInfo }>(method, path, undefined, signal))
      .deploymentInfo;
  }
}
