import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, inject, test } from 'vitest';
import {
  COMPREHENSIVE_CHECK_NAMES,
  ComprehensiveHealthBodySchema,
  HEALTH_MEDIA_TYPE,
  HealthBodySchema,
} from '../../../fixtures/platform-contract/health.ts';
import { loadPlatformConfig } from '../../config.ts';
import { lambdaContext } from '../../gateway/lambda-context.ts';
import { runWithRuntime, type PlatformRuntime } from '../../runtime.ts';
import { call } from '../../test-support/api-client.ts';
import { startupProbe } from './startup-probe.ts';
import { platformCodeSha256 } from '../../code-digest.ts';

const { url } = inject('platform');

/** Check names as sent; a zod parse would drop the extra ones this must notice. */
const checkNames = (json: unknown): string[] => Object.keys((json as { checks: object }).checks).sort();

describe('GET /health', () => {
  test('passes with exactly the four checks of the contract, as application/health+json', async () => {
    const response = await call(url, 'GET', '/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(HEALTH_MEDIA_TYPE);
    expect(checkNames(response.json)).toEqual([...COMPREHENSIVE_CHECK_NAMES].sort());
    const body = ComprehensiveHealthBodySchema.parse(response.json);
    expect(body).toMatchObject({
      status: 'pass',
      serviceId: 'hasivu-platform',
      releaseId: 'local-1',
    });
    // The code digest signed evidence names as its subject.
    expect((response.json as { codeSha256?: string }).codeSha256).toBe(platformCodeSha256());
    for (const name of COMPREHENSIVE_CHECK_NAMES) expect(body.checks[name][0]?.status, name).toBe('pass');
    expect(body.checks['database:responseTime'][0]).toMatchObject({
      componentType: 'datastore',
      observedUnit: 'ms',
    });
    expect(body.checks['memory:utilization'][0]).toMatchObject({
      componentType: 'system',
      observedUnit: 'percent',
    });
  });

  test('says the storage check used the local file system because no S3 endpoint is configured', async () => {
    const body = ComprehensiveHealthBodySchema.parse((await call(url, 'GET', '/health')).json);
    expect(body.checks['storage:responseTime'][0]?.output).toMatch(/local file system.*no S3 endpoint/);
  });
});

describe('probes', () => {
  test.each(['/health/live', '/health/ready', '/health/startup'])('%s passes with 200', async (path) => {
    const response = await call(url, 'GET', path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(HEALTH_MEDIA_TYPE);
    expect(HealthBodySchema.parse(response.json).status).toBe('pass');
  });

  test('/health/ready checks the database and the cache, nothing else', async () => {
    expect(checkNames((await call(url, 'GET', '/health/ready')).json)).toEqual([
      'cache:responseTime',
      'database:responseTime',
    ]);
  });

  test('/health/live touches no dependency', async () => {
    expect(checkNames((await call(url, 'GET', '/health/live')).json).join()).not.toMatch(/database|cache|storage/);
  });

  test('the startup probe answers 503 until migrations and warm-up are done', async () => {
    const startup = { migrationsApplied: true, warmedUp: false };
    // The probe reads only config and start-up state, so the rest of the runtime is not needed here.
    const runtime = { config: loadPlatformConfig({}), startup } as unknown as PlatformRuntime;
    const event = { requestContext: { requestId: 'startup-test' } } as APIGatewayProxyEventV2;
    const before = await runWithRuntime(runtime, () => startupProbe(event, lambdaContext('startupProbe', 1000)));
    expect(before.statusCode).toBe(503);
    expect(JSON.parse(before.body ?? '')).toMatchObject({
      status: 'fail',
      checks: { 'warmup:done': [{ status: 'fail' }] },
    });
    startup.warmedUp = true;
    const after = await runWithRuntime(runtime, () => startupProbe(event, lambdaContext('startupProbe', 1000)));
    expect(after.statusCode).toBe(200);
  });
});
