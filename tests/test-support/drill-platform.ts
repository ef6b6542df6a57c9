import type { FisExperiment } from '../../common/aws-shapes/fis.ts';
import type { LambdaAliasConfiguration, LambdaFunctionVersion } from '../../common/aws-shapes/lambda.ts';
import type { StartedPlatform } from '../../platform/start-platform.ts';

/** What a drill test asks the platform after the CLI has gone: read-only control calls, and a reset between drills. */
export class DrillPlatformView {
  readonly #platform: StartedPlatform;

  constructor(platform: StartedPlatform) {
    this.#platform = platform;
  }

  /** The variables that point the CLI at this platform instead of starting one of its own. */
  cliEnv(): Record<string, string> {
    return {
      HARNESS_ENV: 'local',
      HARNESS_BASE_URL: this.#platform.url,
      HARNESS_ADMIN_TOKEN: this.#platform.adminToken,
      HARNESS_USER_EMAIL: this.#platform.demoParent.email,
      HARNESS_USER_PASSWORD: this.#platform.demoParent.password,
    };
  }

  async #get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.#platform.url}${path}`, {
      headers: { 'x-admin-token': this.#platform.adminToken },
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  /**
   * POST /_control/reset: data, versions, deployments, experiments, metrics and alarms back to
   * their start. The error alarm sees only complete periods, so a drill's last errors reach it
   * up to a period after the drill ended; without a reset they can fire it during the next drill.
   */
  async reset(): Promise<void> {
    const response = await fetch(`${this.#platform.url}/_control/reset`, {
      method: 'POST',
      headers: { 'x-admin-token': this.#platform.adminToken },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`POST /_control/reset answered ${response.status}`);
  }

  alias(functionName = 'createOrder'): Promise<LambdaAliasConfiguration> {
    return this.#get(`/_control/lambda/functions/${functionName}/aliases/live`);
  }

  async versions(functionName = 'createOrder'): Promise<LambdaFunctionVersion[]> {
    return (
      await this.#get<{ Versions: LambdaFunctionVersion[] }>(`/_control/lambda/functions/${functionName}/versions`)
    ).Versions;
  }

  async alarmActions(alarmName: string): Promise<{ AlarmActions?: string[]; OKActions?: string[] }> {
    const { MetricAlarms } = await this.#get<{
      MetricAlarms: { AlarmName: string; AlarmActions?: string[]; OKActions?: string[] }[];
    }>('/_control/cloudwatch/alarms');
    const alarm = MetricAlarms.find((a) => a.AlarmName === alarmName);
    return { AlarmActions: alarm?.AlarmActions ?? [], OKActions: alarm?.OKActions ?? [] };
  }

  async experiments(): Promise<FisExperiment[]> {
    return (await this.#get<{ experiments: FisExperiment[] }>('/_control/fis/experiments')).experiments;
  }
}
