import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AlarmHistoryItem, MetricAlarm, SnsAlarmNotification } from '../../common/aws-shapes/cloudwatch.ts';
import type { DeploymentInfo } from '../../common/aws-shapes/codedeploy.ts';
import type { FisExperiment } from '../../common/aws-shapes/fis.ts';
import type { LambdaAliasConfiguration, LambdaFunctionVersion } from '../../common/aws-shapes/lambda.ts';
import { waitFor } from '../../common/wait-for.ts';
import { seedAlarms } from '../cloudwatch/seed-alarms.ts';
import { call, expectError, type ApiResponse } from '../test-support/api-client.ts';
import { FAST_EMULATION_ENV, startIsolatedPlatform, type IsolatedPlatform } from '../test-support/isolated-platform.ts';

// Deployments and faults change what every request sees, so this file has a platform of its own,
// with a fast clock: a 60 s period is 200 ms, a deployment minute 200 ms.
let isolated: IsolatedPlatform;
let url: string;
let admin: Record<string, string>;
let receiver: Server;
let receiverUrl: string;
const notifications: SnsAlarmNotification[] = [];

beforeAll(async () => {
  isolated = await startIsolatedPlatform({ ...process.env, ...FAST_EMULATION_ENV });
  url = isolated.platform.url;
  admin = { 'x-admin-token': isolated.platform.adminToken };
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      notifications.push(JSON.parse(body) as SnsAlarmNotification);
      res.end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/sns`;
});
afterAll(async () => {
  receiver?.close();
  await isolated?.[Symbol.asyncDispose]();
});
beforeEach(async () => {
  expect((await control('POST', '/_control/reset')).status).toBe(200);
  notifications.length = 0;
});

const control = (method: string, path: string, body?: unknown): Promise<ApiResponse> =>
  call(url, method, path, { headers: admin, ...(body === undefined ? {} : { body }) });

async function publish(name: string, body: unknown = {}): Promise<LambdaFunctionVersion> {
  const response = await control('POST', `/_control/lambda/functions/${name}/versions`, body);
  expect(response.status).toBe(201);
  return response.json as LambdaFunctionVersion;
}

const alias = async (name: string): Promise<LambdaAliasConfiguration> =>
  (await control('GET', `/_control/lambda/functions/${name}/aliases/live`)).json as LambdaAliasConfiguration;

const deployment = async (id: string): Promise<DeploymentInfo> =>
  (
    (await control('GET', `/_control/codedeploy/deployments/${id}`)).json as {
      deploymentInfo: DeploymentInfo;
    }
  ).deploymentInfo;

/** Sends requests to the function while waiting, as traffic would; bounded by the deadline. */
async function underTraffic<T>(path: string, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  return waitFor(
    what,
    async () => {
      await call(url, 'GET', path);
      return probe();
    },
    { timeoutMs: 15_000, intervalMs: 10 },
  );
}

const experiment = (parameters: Record<string, string>, resource = 'startupProbe') => ({
  description: 'fail the startup probe',
  actions: {
    fail: {
      actionId: 'aws:lambda:invocation-error',
      parameters,
      targets: { Functions: 'probe' },
    },
  },
  targets: {
    probe: {
      resourceType: 'aws:lambda:function',
      resourceArns: [resource],
      selectionMode: 'ALL',
    },
  },
  stopConditions: [{ source: 'none' }],
});

describe('Lambda versions and the live alias', () => {
  test('every function starts on version 1 and says so in x-amz-executed-version', async () => {
    const list = (await control('GET', '/_control/lambda/functions')).json as {
      Functions: { FunctionName: string; Aliases: string[] }[];
    };
    expect(list.Functions).toContainEqual({ FunctionName: 'livenessProbe', Aliases: ['live'] });
    expect(await alias('livenessProbe')).toMatchObject({
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    const response = await call(url, 'GET', '/health/live');
    expect(response.headers.get('x-amz-executed-version')).toBe('1');
  });

  test('a published version runs in its own instance, frozen with its release behaviour, and reports its init duration', async () => {
    const published = await publish('livenessProbe', {
      Description: 'bad',
      ReleaseBehaviour: { statusCode: 418 },
    });
    expect(published).toMatchObject({
      Version: '2',
      ReleaseBehaviour: { statusCode: 418 },
      Environment: { Variables: { HASIVU_RELEASE_STATUS_CODE: '418' } },
    });
    await control('PUT', '/_control/lambda/functions/livenessProbe/aliases/live', {
      FunctionVersion: '2',
    });
    const response = await call(url, 'GET', '/health/live');
    expect({
      status: response.status,
      version: response.headers.get('x-amz-executed-version'),
    }).toEqual({ status: 418, version: '2' });
    const versions = (await control('GET', '/_control/lambda/functions/livenessProbe/versions')).json as {
      Versions: LambdaFunctionVersion[];
    };
    const init = versions.Versions.find((v) => v.Version === '2')?.InitDurationsMs ?? [];
    expect(init).toHaveLength(1);
    expect(init[0]).toBeGreaterThan(0);
  });

  test('routes by the alias weight over HTTP', async () => {
    await publish('livenessProbe');
    const update = await control('PUT', '/_control/lambda/functions/livenessProbe/aliases/live', {
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
    });
    expect(update.status).toBe(200);
    const seen = { '1': 0, '2': 0 } as Record<string, number>;
    for (let i = 0; i < 200; i++) {
      const version = (await call(url, 'GET', '/health/live')).headers.get('x-amz-executed-version') ?? 'none';
      seen[version] = (seen[version] ?? 0) + 1;
    }
    expect(Object.keys(seen).sort()).toEqual(['1', '2']);
    // 200 draws at 0.5: outside 70-130 is over four standard deviations away.
    expect(seen['2']).toBeGreaterThan(70);
    expect(seen['2']).toBeLessThan(130);
  });

  test('refuses bad alias updates and versions with 400 naming the field, unknown functions with 404', async () => {
    await publish('livenessProbe');
    const tooHeavy = await control('PUT', '/_control/lambda/functions/livenessProbe/aliases/live', {
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 1.5 } },
    });
    expectError(tooHeavy, 400, 'VALIDATION_FAILED');
    expect(tooHeavy.json).toMatchObject({
      error: {
        details: {
          'RoutingConfig.AdditionalVersionWeights': [expect.stringMatching(/0.0 and 1.0/)],
        },
      },
    });
    const badRate = await control('POST', '/_control/lambda/functions/livenessProbe/versions', {
      ReleaseBehaviour: { errorRate: 2 },
    });
    expectError(badRate, 400, 'VALIDATION_FAILED');
    expect(Object.keys((badRate.json as { error: { details: object } }).error.details)).toEqual([
      'ReleaseBehaviour.errorRate',
    ]);
    expectError(await control('GET', '/_control/lambda/functions/nope/aliases/live'), 404, 'NOT_FOUND');
    expectError(await control('POST', '/_control/lambda/functions/nope/versions', {}), 404, 'NOT_FOUND');
  });
});

describe('alarms', () => {
  test("ship the seeds' two alarms, and upsert refuses endpoints off this machine", async () => {
    const alarms = ((await control('GET', '/_control/cloudwatch/alarms')).json as { MetricAlarms: MetricAlarm[] })
      .MetricAlarms;
    expect(alarms.map((a) => [a.AlarmName, a.MetricName, a.Statistic])).toEqual([
      ['hasivu-local-error-rate', 'Errors', 'Sum'],
      ['hasivu-local-duration', 'Duration', 'Average'],
    ]);
    const refused = await control('PUT', '/_control/cloudwatch/alarms/hasivu-local-error-rate', {
      ...alarms[0],
      AlarmActions: ['http://192.0.2.1/hook'],
      StateValue: undefined,
      StateReason: undefined,
      StateUpdatedTimestamp: undefined,
    });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.json).toMatchObject({
      error: { details: { 'AlarmActions.0': [expect.stringMatching(/this machine/)] } },
    });
    expectError(await control('GET', '/_control/cloudwatch/alarms/nope/history'), 404, 'NOT_FOUND');
  });
});

describe('deployments', () => {
  async function pointErrorAlarmAtReceiver(): Promise<void> {
    // The seed alarm as shipped, pointed at this test's receiver, as a drill would do it.
    const [errorAlarm] = seedAlarms([receiverUrl]);
    const put = await control('PUT', '/_control/cloudwatch/alarms/hasivu-local-error-rate', errorAlarm);
    expect(put.status).toBe(200);
  }

  test('a canary that always fails is stopped by the error alarm and rolled back; the alarm notifies', async () => {
    await pointErrorAlarmAtReceiver();
    await publish('livenessProbe', { ReleaseBehaviour: { errorRate: 1 } });
    const created = await control('POST', '/_control/codedeploy/deployments', {
      functionName: 'livenessProbe',
      alias: 'live',
      targetVersion: '2',
      trafficRoutingConfig: {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 50, canaryInterval: 100 },
      },
      autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_STOP_ON_ALARM'] },
      alarmConfiguration: { enabled: true, alarms: [{ name: 'hasivu-local-error-rate' }] },
    });
    expect(created.status).toBe(201);
    const { deploymentId } = created.json as { deploymentId: string };
    const info = await underTraffic('/health/live', 'the deployment to stop', async () => {
      const found = await deployment(deploymentId);
      return found.status === 'Stopped' ? found : undefined;
    });
    expect(info).toMatchObject({
      errorInformation: { code: 'ALARM_ACTIVE' },
      rollbackInfo: {
        rollbackMessage: expect.stringMatching(/shifted back to version 1/) as unknown,
      },
      targetInstances: { currentVersion: '1', targetVersion: '2' },
    });
    expect(await alias('livenessProbe')).toMatchObject({
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    const history = (
      (await control('GET', '/_control/cloudwatch/alarms/hasivu-local-error-rate/history')).json as {
        AlarmHistoryItems: AlarmHistoryItem[];
      }
    ).AlarmHistoryItems;
    const toAlarm = history.find(
      (item) => item.HistoryItemType === 'StateUpdate' && item.HistorySummary.endsWith('to ALARM'),
    );
    expect(JSON.parse(toAlarm?.HistoryData ?? '{}')).toMatchObject({
      newState: { stateValue: 'ALARM' },
    });
    const notified = await waitFor(
      'the SNS notification',
      () => notifications.find((n) => n.Subject.startsWith('ALARM')),
      { timeoutMs: 5000 },
    );
    expect(JSON.parse(notified.Message)).toMatchObject({
      AlarmName: 'hasivu-local-error-rate',
      NewStateValue: 'ALARM',
    });
  });

  test('a healthy canary is promoted: the alias ends on the new version with no extra weight', async () => {
    await publish('livenessProbe');
    const created = await control('POST', '/_control/codedeploy/deployments', {
      functionName: 'livenessProbe',
      alias: 'live',
      targetVersion: '2',
      deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_STOP_ON_ALARM'] },
    });
    const { deploymentId } = created.json as { deploymentId: string };
    const conflict = await control('POST', '/_control/codedeploy/deployments', {
      functionName: 'livenessProbe',
      alias: 'live',
      targetVersion: '2',
    });
    expectError(conflict, 409, 'CONFLICT');
    const info = await underTraffic('/health/live', 'the deployment to succeed', async () => {
      const found = await deployment(deploymentId);
      return found.status === 'Succeeded' ? found : undefined;
    });
    expect(info.completeTime).toBeDefined();
    expect(await alias('livenessProbe')).toMatchObject({
      FunctionVersion: '2',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    expect((await control('GET', '/_control/codedeploy/deployments')).json).toEqual({
      deployments: [deploymentId],
    });
  });

  test('stop with rollback shifts traffic back; bad input is a 400 naming the field', async () => {
    await publish('livenessProbe');
    const created = await control('POST', '/_control/codedeploy/deployments', {
      functionName: 'livenessProbe',
      alias: 'live',
      targetVersion: '2',
      trafficRoutingConfig: {
        type: 'TimeBasedLinear',
        timeBasedLinear: { linearPercentage: 10, linearInterval: 100 },
      },
    });
    const { deploymentId } = created.json as { deploymentId: string };
    await waitFor(
      'the first linear step',
      async () =>
        (await alias('livenessProbe')).RoutingConfig?.AdditionalVersionWeights?.['2'] === 0.1 ? true : undefined,
      { timeoutMs: 5000 },
    );
    const stopped = await control('POST', `/_control/codedeploy/deployments/${deploymentId}/stop`, {
      autoRollbackEnabled: true,
    });
    expect(stopped.json).toMatchObject({ status: 'Succeeded' });
    expect(await deployment(deploymentId)).toMatchObject({ status: 'Stopped' });
    expect(await alias('livenessProbe')).toMatchObject({
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    expectError(
      await control('POST', `/_control/codedeploy/deployments/${deploymentId}/stop`, {}),
      400,
      'DEPLOYMENT_ALREADY_COMPLETED',
    );

    const unpublished = await control('POST', '/_control/codedeploy/deployments', {
      functionName: 'livenessProbe',
      alias: 'live',
      targetVersion: '9',
    });
    expectError(unpublished, 400, 'VALIDATION_FAILED');
    expect(unpublished.json).toMatchObject({
      error: { details: { targetVersion: [expect.stringMatching(/not published/)] } },
    });
    expectError(await control('GET', '/_control/codedeploy/deployments/d-NOPE'), 404, 'NOT_FOUND');
  });
});

describe('FIS experiments', () => {
  const get = async (id: string): Promise<FisExperiment> =>
    (
      (await control('GET', `/_control/fis/experiments/${id}`)).json as {
        experiment: FisExperiment;
      }
    ).experiment;

  test('invocation-error fails every invocation while running, and stop ends it', async () => {
    const started = await control(
      'POST',
      '/_control/fis/experiments',
      experiment({ duration: 'PT1M', invocationPercentage: '100', preventExecution: 'true' }, 'startupProbe:1'),
    );
    expect(started.status).toBe(201);
    const { id } = (started.json as { experiment: FisExperiment }).experiment;
    await waitFor(
      'the experiment to run',
      async () => ((await get(id)).state.status === 'running' ? true : undefined),
      { timeoutMs: 5000 },
    );
    const failed = await call(url, 'GET', '/health/startup');
    expectError(failed, 500, 'FUNCTION_ERROR');
    expect(failed.headers.get('x-amz-function-error')).toBe('Unhandled');
    const listed = (await control('GET', '/_control/fis/experiments')).json as {
      experiments: FisExperiment[];
    };
    expect(listed.experiments.map((e) => [e.id, e.state.status])).toEqual([[id, 'running']]);

    expect((await control('POST', `/_control/fis/experiments/${id}/stop`)).status).toBe(200);
    const ended = await waitFor(
      'the experiment to stop',
      async () => {
        const found = await get(id);
        return found.state.status === 'stopped' ? found : undefined;
      },
      { timeoutMs: 5000 },
    );
    expect(ended.actions.fail?.state?.status).toBe('stopped');
    expect((await call(url, 'GET', '/health/startup')).status).toBe(200);
  });

  test('skip-all runs through the states and injects nothing', async () => {
    const started = await control('POST', '/_control/fis/experiments', {
      ...experiment({ duration: 'PT1M' }),
      experimentOptions: { actionsMode: 'skip-all' },
    });
    const { id } = (started.json as { experiment: FisExperiment }).experiment;
    const done = await waitFor(
      'the dry run to complete',
      async () => {
        expect((await call(url, 'GET', '/health/startup')).status).toBe(200);
        const found = await get(id);
        return found.state.status === 'completed' ? found : undefined;
      },
      { timeoutMs: 5000 },
    );
    expect(done.actions.fail?.state?.status).toBe('skipped');
  });

  test('a stop-condition alarm in ALARM stops the experiment', async () => {
    const started = await control('POST', '/_control/fis/experiments', {
      ...experiment({ duration: 'PT1M', preventExecution: 'true' }),
      stopConditions: [{ source: 'aws:cloudwatch:alarm', value: 'hasivu-local-error-rate' }],
    });
    const { id } = (started.json as { experiment: FisExperiment }).experiment;
    const ended = await underTraffic('/health/startup', 'the stop condition to stop it', async () => {
      const found = await get(id);
      return found.state.status === 'stopped' ? found : undefined;
    });
    expect(ended.state.reason).toMatch(/stop condition hasivu-local-error-rate/);
  });

  test('refuses a bad duration, an unknown alarm and a service action with 400 naming the field', async () => {
    const bad = await control('POST', '/_control/fis/experiments', {
      ...experiment({ duration: '2 minutes' }),
      stopConditions: [{ source: 'aws:cloudwatch:alarm', value: 'no-such-alarm' }],
    });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(Object.keys((bad.json as { error: { details: object } }).error.details).sort()).toEqual([
      'actions.fail.parameters.duration',
      'stopConditions.0.value',
    ]);
    const service = await control('POST', '/_control/fis/experiments', {
      ...experiment({ duration: 'PT1M' }),
      actions: {
        reboot: {
          actionId: 'aws:rds:reboot-db-instances',
          parameters: {},
          targets: { Functions: 'probe' },
        },
      },
    });
    expectError(service, 400, 'VALIDATION_FAILED');
    expect(service.json).toMatchObject({
      error: { details: { 'actions.reboot.actionId': [expect.stringMatching(/harness/)] } },
    });
    expectError(await control('GET', '/_control/fis/experiments/EXPnope'), 404, 'NOT_FOUND');
  });
});

describe('reset', () => {
  test('puts aliases back on version 1 and forgets deployments and experiments', async () => {
    await publish('livenessProbe');
    await control('PUT', '/_control/lambda/functions/livenessProbe/aliases/live', {
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.3 } },
    });
    const started = await control('POST', '/_control/fis/experiments', experiment({ duration: 'PT1M' }));
    expect(started.status).toBe(201);
    expect((await control('POST', '/_control/reset')).json).toMatchObject({ emulation: 'reset' });
    expect(await alias('livenessProbe')).toMatchObject({
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
    const versions = (await control('GET', '/_control/lambda/functions/livenessProbe/versions')).json as {
      Versions: LambdaFunctionVersion[];
    };
    expect(versions.Versions.map((v) => v.Version)).toEqual(['1']);
    expect((await control('GET', '/_control/fis/experiments')).json).toEqual({ experiments: [] });
    expect((await control('GET', '/_control/codedeploy/deployments')).json).toEqual({
      deployments: [],
    });
  });
});
