import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { AlarmHistoryItem } from '../../common/aws-shapes/cloudwatch.ts';
import type { DeploymentInfo } from '../../common/aws-shapes/codedeploy.ts';
import type { LambdaAliasConfiguration } from '../../common/aws-shapes/lambda.ts';
import { waitFor } from '../../common/wait-for.ts';
import { startPlatform, type StartedPlatform } from '../start-platform.ts';
import { call } from '../test-support/api-client.ts';

// A platform of its own with automatic rollback off, on the shared services (it resets no data).
const { databaseUrl, redisUrl } = inject('services');
let platform: StartedPlatform;
let admin: Record<string, string>;
beforeAll(async () => {
  platform = await startPlatform({
    databaseUrl,
    redisUrl,
    env: {
      ...process.env,
      HASIVU_AUTO_ROLLBACK: 'off',
      HASIVU_METRIC_PERIOD_MS: '200',
      HASIVU_DEPLOY_MINUTE_MS: '200',
      HASIVU_EMULATION_TICK_MS: '20',
    },
  });
  admin = { 'x-admin-token': platform.adminToken };
});
afterAll(async () => {
  await platform?.close();
});

const control = async (method: string, path: string, body?: unknown): Promise<unknown> =>
  (
    await call(platform.url, method, path, {
      headers: admin,
      ...(body === undefined ? {} : { body }),
    })
  ).json;

test('with HASIVU_AUTO_ROLLBACK=off the error alarm fires but the failing canary is promoted', async () => {
  await control('POST', '/_control/lambda/functions/livenessProbe/versions', {
    ReleaseBehaviour: { errorRate: 1 },
  });
  const { deploymentId } = (await control('POST', '/_control/codedeploy/deployments', {
    functionName: 'livenessProbe',
    alias: 'live',
    targetVersion: '2',
    trafficRoutingConfig: {
      type: 'TimeBasedCanary',
      timeBasedCanary: { canaryPercentage: 50, canaryInterval: 10 },
    },
    autoRollbackConfiguration: { enabled: true, events: ['DEPLOYMENT_STOP_ON_ALARM'] },
  })) as { deploymentId: string };
  const info = await waitFor(
    'the deployment to end',
    async () => {
      await call(platform.url, 'GET', '/health/live');
      const found = (
        (await control('GET', `/_control/codedeploy/deployments/${deploymentId}`)) as {
          deploymentInfo: DeploymentInfo;
        }
      ).deploymentInfo;
      return found.status === 'InProgress' || found.status === 'Created' ? undefined : found;
    },
    { timeoutMs: 15_000, intervalMs: 10 },
  );
  expect(info.status).toBe('Succeeded');
  expect(info.rollbackInfo).toBeUndefined();
  const alias = (await control(
    'GET',
    '/_control/lambda/functions/livenessProbe/aliases/live',
  )) as LambdaAliasConfiguration;
  expect(alias.FunctionVersion).toBe('2');
  const { AlarmHistoryItems } = (await control(
    'GET',
    '/_control/cloudwatch/alarms/hasivu-local-error-rate/history',
  )) as {
    AlarmHistoryItems: AlarmHistoryItem[];
  };
  expect(AlarmHistoryItems.map((item) => item.HistorySummary)).toContain('Alarm updated from OK to ALARM');
});
