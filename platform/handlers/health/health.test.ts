import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, inject, test } from 'vitest';
import { loadPlatformConfig } from '../../config.ts';
import { lambdaContext } from '../../gateway/lambda-context.ts';
import { runWithRuntime, type PlatformRuntime } from '../../runtime.ts';
import { call } from '../../test/api-client.ts';
import { healthSchema } from '../../test/contract-schemas.ts';
import { startupProbe } from './startup-probe.ts';

const { url } = inject('platform');

describe('GET /health', () => {
  test('passes with exactly the four checks of the contract, as application/health+json', async () => {
    const response = await call(url, 'GET', '/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/health+json');
    const body = healthSchema.parse(response.json);
    expect(body.status).toBe('pass');
    expect(Object.keys(body.checks).sort()).toEqual([
      'cache:responseTime',
      'database:responseTime',
      'memory:utilization',
      'storage:responseTime',
    ]);
    for (const [name, [check]] of Object.entries(body.checks)) {
      expect(check?.status, name).toBe('pass');
      expect(check?.observedValue, name).toBeTypeOf('number');
    }
    expect(body.checks['database:responseTime']?.[0]).toMatchObject({ componentType: 'datastore', observedUnit: 'ms' });
    expect(body.checks['memory:utilization']?.[0]).toMatchObject({ componentType: 'system', observedUnit: 'percent' });
  });

  test('says the storage check used the local file system because no S3 endpoint is configured', async () => {
    const body = healthSchema.parse((await call(url, 'GET', '/health')).json);
    expect(body.checks['storage:responseTime']?.[0]?.output).toMatch(/local file system.*no S3 endpoint/);
  });
});

describe('probes', () => {
  test.each(['/health/live', '/health/ready', '/health/startup'])('%s passes with 200', async (path) => {
    const response = await call(url, 'GET', path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/health+json');
    expect(healthSchema.parse(response.json).status).toBe('pass');
  });

  test('/health/ready checks the database and the cache, nothing else', async () => {
    const body = healthSchema.parse((await call(url, 'GET', '/health/ready')).json);
    expect(Object.keys(body.checks).sort()).toEqual(['cache:responseTime', 'database:responseTime']);
  });

  test('/health/live touches no dependency', async () => {
    const body = healthSchema.parse((await call(url, 'GET', '/health/live')).json);
    expect(Object.keys(body.checks).join()).not.toMatch(/database|cache|storage/);
  });

  test('the startup probe answers 503 until migrations and warm-up are done', async () => {
    const startup = { migrationsApplied: true, warmedUp: false };
    // The probe reads only config and start-up state, so the rest of the runtime is not needed here.
    const runtime = { config: loadPlatformConfig({}), startup } as unknown as PlatformRuntime;
    const event = { requestContext: { requestId: 'startup-test' } } as APIGatewayProxyEventV2;
    const before = await runWithRuntime(runtime, () => startupProbe(event, lambdaContext('startupProbe', 1000)));
    expect(before.statusCode).toBe(503);
    expect(JSON.parse(before.body ?? '')).toMatchObject({ status: 'fail', checks: { 'warmup:done': [{ status: 'fail' }] } });
    startup.warmedUp = true;
    const after = await runWithRuntime(runtime, () => startupProbe(event, lambdaContext('startupProbe', 1000)));
    expect(after.statusCode).toBe(200);
  });
});
