import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { freePort } from '../../common/free-port.ts';
import { makeTempDir, removeTempDir } from '../../common/temp-dir.ts';
import { loadPlatformConfig } from '../config.ts';
import { handlerModule } from './handler-modules.ts';
import { startWorkerInstance } from './worker-instance.ts';

const services = inject('services');
const storageDir = makeTempDir('worker-warm-up');
afterAll(() => removeTempDir(storageDir));

/** GET /health/startup of a fresh instance of the startup probe whose Redis is at `redisUrl`. */
async function startupAnswer(redisUrl: string): Promise<{ status: number; body: unknown }> {
  const instance = await startWorkerInstance({
    functionName: 'startupProbe',
    version: '2',
    handlerModule: handlerModule('startupProbe') ?? '',
    config: loadPlatformConfig({ HASIVU_STORAGE_DIR: storageDir }),
    databaseUrl: services.databaseUrl,
    redisUrl,
  });
  try {
    const event = { requestContext: { requestId: 'warm-up-test' } } as APIGatewayProxyEventV2;
    const outcome = await instance.invoke(event, 5000);
    if (!outcome.ok) throw new Error(`the invocation failed: ${outcome.errorMessage}`);
    const result = outcome.result;
    return { status: result.statusCode ?? 0, body: JSON.parse(result.body ?? '') };
  } finally {
    await instance.close();
  }
}

describe('a new instance warms up itself', () => {
  test('its startup probe is 200 once warm-up is done', async () => {
    const { status, body } = await startupAnswer(services.redisUrl);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'pass' });
  });

  test('started while its Redis is down, it cannot warm up and its startup probe answers 503', async () => {
    // Nothing listens on a port just found free: a Redis that is down.
    const { status, body } = await startupAnswer(`redis://127.0.0.1:${await freePort()}`);
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'fail',
      checks: {
        'migrations:applied': [{ status: 'pass' }],
        'warmup:done': [{ status: 'fail', output: 'warm-up not finished yet' }],
      },
    });
  });
});
