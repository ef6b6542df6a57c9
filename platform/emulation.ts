import { Alarms } from './cloudwatch/alarms.ts';
import { notifyEndpoints, snsNotification } from './cloudwatch/alarm-notifier.ts';
import { MetricStore } from './cloudwatch/metric-store.ts';
import { seedAlarms } from './cloudwatch/seed-alarms.ts';
import { DeploymentController } from './codedeploy/deployment-controller.ts';
import { DeploymentGroups } from './codedeploy/deployment-groups.ts';
import type { PlatformConfig } from './config.ts';
import { ExperimentTemplates } from './fis/experiment-templates.ts';
import { Experiments } from './fis/experiments.ts';
import { invokeWithFaults } from './fis/lambda-fault.ts';
import type { ServiceControls } from './fis/service-outage.ts';
import type { Route } from './gateway/route-table.ts';
import { aliasInvoker } from './lambda/invoke-through-alias.ts';
import type { LambdaService } from './lambda/lambda-service.ts';
import { LATE_ROLLBACK_MINUTES, ROLLBACK_LEAK_SHARE } from './misbehaviour.ts';

/** The AWS services the platform emulates around its functions, and the clock that drives them. */
export interface Emulation extends AsyncDisposable {
  metrics: MetricStore;
  alarms: Alarms;
  deployments: DeploymentController;
  /** CodeDeploy's deployment group and configurations, for the AWS endpoints. */
  deploymentGroups: DeploymentGroups;
  experiments: Experiments;
  /** FIS's experiment templates, for the AWS endpoints. */
  experimentTemplates: ExperimentTemplates;
  /** Every API route, its handler replaced by an invocation through the function's alias. */
  routes(apiRoutes: readonly Route[]): Route[];
  /** Back to the start: no deployments, experiments or metrics, seed alarms, aliases on version 1. */
  reset(): void;
  /** One step of the clock: alarms, then deployments (which read them), then experiments. */
  tick(now: Date): void;
}

/** CloudWatch alarms over the platform's metrics, notifying their SNS-style endpoints on a change. */
function createAlarms(config: PlatformConfig, metrics: MetricStore): Alarms {
  const alarms = new Alarms({
    metrics,
    minutePeriodMs: config.metricPeriodMs,
    seeds: () => seedAlarms(config.alarmActions),
    onStateChange: (alarm, oldState) => {
      const endpoints =
        alarm.StateValue === 'ALARM' ? alarm.AlarmActions : alarm.StateValue === 'OK' ? alarm.OKActions : [];
      if (!endpoints?.length) return;
      const notification = snsNotification(alarm, oldState);
      void notifyEndpoints(endpoints, notification).then((outcomes) => {
        for (const outcome of outcomes) alarms.recordAction(alarm.AlarmName, outcome, notification.Message);
      });
    },
  });
  return alarms;
}

/** CodeDeploy's controller, playing the configured rollback misbehaviours. */
function createDeployments(config: PlatformConfig, lambda: LambdaService, alarms: Alarms): DeploymentController {
  return new DeploymentController({
    registry: lambda.registry,
    alarmState: (name) => alarms.state(name),
    alarmNames: () => alarms.describe().map((alarm) => alarm.AlarmName),
    minuteMs: config.deployMinuteMs,
    autoRollback: config.autoRollback,
    ...(config.misbehaviour.includes('late-rollback')
      ? { rollbackDelayMs: LATE_ROLLBACK_MINUTES * config.deployMinuteMs }
      : {}),
    ...(config.misbehaviour.includes('rollback-leak')
      ? {
          onRolledBack: (name: string, alias: string, version: string) =>
            lambda.registry.leak(name, alias, version, ROLLBACK_LEAK_SHARE),
        }
      : {}),
  });
}

/** FIS experiments on the registry's functions, stopped by the alarms. */
function createExperiments(lambda: LambdaService, alarms: Alarms, services: ServiceControls | undefined): Experiments {
  return new Experiments({
    alarmState: (name) => alarms.state(name),
    functionExists: (name, version) =>
      version === undefined
        ? lambda.registry.names().includes(name)
        : lambda.registry.version(name, version) !== undefined,
    ...(services ? { services } : {}),
  });
}

/** Every API route invoked through its function's alias, with FIS faults and metrics around it. */
function throughAliases(
  apiRoutes: readonly Route[],
  lambda: LambdaService,
  experiments: Experiments,
  metrics: MetricStore,
): Route[] {
  return apiRoutes.map((route) => ({
    ...route,
    handler: aliasInvoker(
      {
        registry: lambda.registry,
        pool: lambda.pool,
        withFaults: (name, version, invoke) => invokeWithFaults(experiments.activeFaults(name, version), invoke),
        record: (sample) => metrics.record(sample),
      },
      route.functionName,
    ),
  }));
}

export function startEmulation(config: PlatformConfig, lambda: LambdaService, services?: ServiceControls): Emulation {
  const metrics = new MetricStore();
  const alarms = createAlarms(config, metrics);
  const deployments = createDeployments(config, lambda, alarms);
  const deploymentGroups = new DeploymentGroups(alarms.describe().map((alarm) => alarm.AlarmName));
  const experiments = createExperiments(lambda, alarms, services);
  const tick = (now: Date): void => {
    alarms.evaluate(now);
    deployments.tick(now);
    experiments.tick(now);
  };
  const timer = setInterval(() => tick(new Date()), config.emulationTickMs);
  timer.unref();
  return {
    metrics,
    alarms,
    deployments,
    deploymentGroups,
    experiments,
    experimentTemplates: new ExperimentTemplates(),
    routes: (apiRoutes) => throughAliases(apiRoutes, lambda, experiments, metrics),
    reset() {
      const now = new Date();
      experiments.reset(now);
      deployments.reset();
      lambda.registry.reset();
      metrics.clear();
      alarms.reset(now);
    },
    tick,
    [Symbol.asyncDispose]: () => {
      clearInterval(timer);
      return Promise.resolve();
    },
  };
}
