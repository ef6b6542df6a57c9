import { describe, expect, test } from 'vitest';
import type { AlarmState } from '../../common/aws-shapes/cloudwatch.ts';
import type { CreateLambdaDeploymentInput } from '../../common/aws-shapes/codedeploy.ts';
import { FunctionRegistry } from '../lambda/function-registry.ts';
import { DeploymentController, type DeploymentControllerOptions } from './deployment-controller.ts';
import { trafficPlan } from './traffic-plan.ts';

const MINUTE_MS = 100;
const at = (ms: number): Date => new Date(1_800_000_000_000 + ms);

function setUp(autoRollback = true, bugs: Partial<DeploymentControllerOptions> = {}) {
  const registry = new FunctionRegistry(['createOrder']);
  registry.publish('createOrder', {});
  const alarms = new Map<string, AlarmState>([['errors', 'OK']]);
  const controller = new DeploymentController({
    registry,
    alarmState: (name) => alarms.get(name),
    alarmNames: () => [...alarms.keys()],
    minuteMs: MINUTE_MS,
    autoRollback,
    ...bugs,
  });
  const weight = () => registry.alias('createOrder', 'live');
  return { registry, alarms, controller, weight };
}

const deploy = (extra: Partial<CreateLambdaDeploymentInput> = {}): CreateLambdaDeploymentInput => ({
  functionName: 'createOrder',
  alias: 'live',
  targetVersion: '2',
  autoRollbackConfiguration: {
    enabled: true,
    events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
  },
  alarmConfiguration: { enabled: true, alarms: [{ name: 'errors' }] },
  ...extra,
});

describe('traffic plans', () => {
  test('canary: the percentage, then all of it after the interval', () => {
    expect(
      trafficPlan({ type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 } }, 1000),
    ).toEqual([
      { atMs: 0, weight: 0.1 },
      { atMs: 5000, weight: 1 },
    ]);
  });
  test('linear: a step every interval until all of it', () => {
    const plan = trafficPlan(
      { type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 25, linearInterval: 2 } },
      1000,
    );
    expect(plan).toEqual([
      { atMs: 0, weight: 0.25 },
      { atMs: 2000, weight: 0.5 },
      { atMs: 4000, weight: 0.75 },
      { atMs: 6000, weight: 1 },
    ]);
  });
  test('all at once: one step', () => {
    expect(trafficPlan({ type: 'AllAtOnce' }, 1000)).toEqual([{ atMs: 0, weight: 1 }]);
  });
});

describe('the deployment controller', () => {
  test('canary: Created, then 10 % on the target, then promoted after the scaled interval', () => {
    const { controller, weight } = setUp();
    const { deploymentId } = controller.create(
      deploy({ deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes' }),
      at(0),
    );
    expect(controller.get(deploymentId).status).toBe('Created');
    controller.tick(at(0));
    expect(controller.get(deploymentId).status).toBe('InProgress');
    expect(weight()).toMatchObject({
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
    });
    controller.tick(at(5 * MINUTE_MS - 1));
    expect(controller.get(deploymentId).status).toBe('InProgress');
    controller.tick(at(5 * MINUTE_MS));
    expect(controller.get(deploymentId)).toMatchObject({
      status: 'Succeeded',
      completeTime: at(5 * MINUTE_MS).toISOString(),
    });
    expect(weight()).toMatchObject({
      FunctionVersion: '2',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
  });

  test('linear: the weight climbs step by step, then the alias moves', () => {
    const { controller, weight } = setUp();
    const { deploymentId } = controller.create(
      deploy({
        trafficRoutingConfig: {
          type: 'TimeBasedLinear',
          timeBasedLinear: { linearPercentage: 40, linearInterval: 1 },
        },
      }),
      at(0),
    );
    const seen: (number | undefined)[] = [];
    for (const ms of [0, MINUTE_MS, 2 * MINUTE_MS]) {
      controller.tick(at(ms));
      seen.push(weight().RoutingConfig?.AdditionalVersionWeights?.['2']);
    }
    expect(seen).toEqual([0.4, 0.8, undefined]);
    expect(controller.get(deploymentId).status).toBe('Succeeded');
    expect(weight().FunctionVersion).toBe('2');
  });

  test('all at once: Succeeded on the first tick', () => {
    const { controller, weight } = setUp();
    const { deploymentId } = controller.create(
      deploy({ deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce' }),
      at(0),
    );
    controller.tick(at(0));
    expect(controller.get(deploymentId).status).toBe('Succeeded');
    expect(weight().FunctionVersion).toBe('2');
  });

  test('an alarm in ALARM stops the deployment and shifts all traffic back', () => {
    const { controller, alarms, weight } = setUp();
    const { deploymentId } = controller.create(
      deploy({ deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes' }),
      at(0),
    );
    controller.tick(at(0));
    alarms.set('errors', 'ALARM');
    controller.tick(at(50));
    const info = controller.get(deploymentId);
    expect(info).toMatchObject({
      status: 'Stopped',
      errorInformation: { code: 'ALARM_ACTIVE', message: 'Alarm errors is in ALARM' },
      rollbackInfo: {
        rollbackMessage: 'Alarm errors is in ALARM: traffic shifted back to version 1',
      },
    });
    expect(weight()).toMatchObject({
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    const rollbackId = info.rollbackInfo?.rollbackDeploymentId ?? '';
    expect(controller.get(rollbackId)).toMatchObject({
      status: 'Succeeded',
      rollbackInfo: { rollbackTriggeringDeploymentId: deploymentId },
    });
    controller.tick(at(10 * MINUTE_MS));
    expect(weight().FunctionVersion).toBe('1'); // a stopped deployment never moves the alias again
  });

  test('an alarm without DEPLOYMENT_STOP_ON_ALARM stops it but leaves the traffic where it is', () => {
    const { controller, alarms, weight } = setUp();
    const { deploymentId } = controller.create(
      deploy({
        deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        autoRollbackConfiguration: { enabled: false, events: [] },
      }),
      at(0),
    );
    controller.tick(at(0));
    alarms.set('errors', 'ALARM');
    controller.tick(at(10));
    expect(controller.get(deploymentId)).toMatchObject({ status: 'Stopped' });
    expect(controller.get(deploymentId).rollbackInfo).toBeUndefined();
    expect(weight().RoutingConfig?.AdditionalVersionWeights).toEqual({ '2': 0.1 });
  });

  test('with automatic rollback off (HASIVU_AUTO_ROLLBACK=off) alarms are ignored and the bad version is promoted', () => {
    const { controller, alarms, weight } = setUp(false);
    const { deploymentId } = controller.create(
      deploy({ deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes' }),
      at(0),
    );
    controller.tick(at(0));
    alarms.set('errors', 'ALARM');
    controller.tick(at(10));
    expect(controller.get(deploymentId).status).toBe('InProgress');
    controller.tick(at(5 * MINUTE_MS));
    expect(controller.get(deploymentId)).toMatchObject({ status: 'Succeeded' });
    expect(controller.get(deploymentId).rollbackInfo).toBeUndefined();
    expect(weight().FunctionVersion).toBe('2');
  });

  test('test-only bugs: a late rollback waits after the alarm; a leaking one keeps a hidden share on the canary', () => {
    const leaked: string[] = [];
    const { controller, alarms, registry, weight } = setUp(true, {
      rollbackDelayMs: 3 * MINUTE_MS,
      onRolledBack: (name, alias, version) => {
        leaked.push(`${name}:${alias}:${version}`);
        registry.leak(name, alias, version, 0.03);
      },
    });
    const { deploymentId } = controller.create(
      deploy({ deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes' }),
      at(0),
    );
    controller.tick(at(0));
    alarms.set('errors', 'ALARM');
    controller.tick(at(10));
    expect(controller.get(deploymentId).status).toBe('InProgress');
    controller.tick(at(10 + 3 * MINUTE_MS));
    expect(controller.get(deploymentId).status).toBe('Stopped');
    // The alias reads clean; only the router knows about the leak.
    expect(weight()).toMatchObject({ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: {} } });
    expect(leaked).toEqual(['createOrder:live:2']);
    expect(registry.leakOf('createOrder', 'live')).toEqual({ version: '2', share: 0.03 });
    registry.reset();
    expect(registry.leakOf('createOrder', 'live')).toBeUndefined();
  });

  test('a failure while shifting is Failed and rolled back with DEPLOYMENT_FAILURE', () => {
    const { controller, registry, weight } = setUp();
    const { deploymentId } = controller.create(
      deploy({ deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes' }),
      at(0),
    );
    controller.tick(at(0));
    registry.reset(); // version 2 disappears under the deployment
    controller.tick(at(5 * MINUTE_MS));
    expect(controller.get(deploymentId)).toMatchObject({
      status: 'Failed',
      errorInformation: { code: 'INTERNAL_ERROR' },
    });
    expect(controller.get(deploymentId).rollbackInfo).toBeDefined();
    expect(weight().FunctionVersion).toBe('1');
  });

  test('stop on request rolls back when asked, and refuses a second stop', () => {
    const { controller, weight } = setUp();
    const { deploymentId } = controller.create(
      deploy({ deploymentConfigName: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute' }),
      at(0),
    );
    controller.tick(at(MINUTE_MS));
    expect(controller.stop(deploymentId, true, at(MINUTE_MS))).toMatchObject({
      status: 'Succeeded',
    });
    expect(controller.get(deploymentId).status).toBe('Stopped');
    expect(weight()).toMatchObject({
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    expect(() => controller.stop(deploymentId, true, at(MINUTE_MS))).toThrow(/already ended/);
  });

  test('refuses a second deployment of the same alias, unknown versions, configs and alarms', () => {
    const { controller } = setUp();
    controller.create(deploy(), at(0));
    expect(() => controller.create(deploy(), at(0))).toThrow(/still shifting/);
    const { controller: fresh } = setUp();
    expect(() => fresh.create(deploy({ targetVersion: '7' }), at(0))).toThrow(/invalid/);
    expect(() => fresh.create(deploy({ deploymentConfigName: 'CodeDeployDefault.OneAtATime' }), at(0))).toThrow(
      /invalid/,
    );
    expect(() =>
      fresh.create(deploy({ alarmConfiguration: { enabled: true, alarms: [{ name: 'nope' }] } }), at(0)),
    ).toThrow(/invalid/);
  });
});
