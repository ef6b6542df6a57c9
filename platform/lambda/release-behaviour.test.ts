import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { lambdaContext } from '../gateway/lambda-context.ts';
import { jsonResult } from '../http/responses.ts';
import { seededRandom } from '../../common/seeded-random.ts';
import { ReleaseFault, releaseBehaviourEnv, withReleaseBehaviour } from './release-behaviour.ts';

const event = { requestContext: { requestId: 'req-1' } } as APIGatewayProxyEventV2;
const context = lambdaContext('createOrder', 1000, '2');
const handler = () => Promise.resolve(jsonResult(201, { ok: true }));

describe('the bad-release knob', () => {
  test('a release with no knobs is the handler itself', () => {
    expect(withReleaseBehaviour({}, handler)).toBe(handler);
  });

  test('errorRate throws for that share of invocations, outside the handler', async () => {
    const run = withReleaseBehaviour({ errorRate: 0.25 }, handler, seededRandom(5));
    let thrown = 0;
    for (let i = 0; i < 1000; i++) {
      try {
        await run(event, context);
      } catch (error) {
        expect(error).toBeInstanceOf(ReleaseFault);
        thrown++;
      }
    }
    expect(Math.abs(thrown / 1000 - 0.25)).toBeLessThanOrEqual(0.03);
  });

  test('statusCode answers that status with the error envelope instead of running the handler', async () => {
    const result = await withReleaseBehaviour({ statusCode: 503 }, handler)(event, context);
    expect(result.statusCode).toBe(503);
    expect(JSON.parse(result.body ?? '')).toMatchObject({
      error: { code: 'RELEASE_STATUS', requestId: 'req-1' },
    });
  });

  test('addedLatencyMs delays the answer by at least that much', async () => {
    const started = performance.now();
    expect((await withReleaseBehaviour({ addedLatencyMs: 50 }, handler)(event, context)).statusCode).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(49);
  });

  test("is carried in the version's environment", () => {
    expect(releaseBehaviourEnv({ errorRate: 1, addedLatencyMs: 20, statusCode: 500 })).toEqual({
      HASIVU_RELEASE_ERROR_RATE: '1',
      HASIVU_RELEASE_ADDED_LATENCY_MS: '20',
      HASIVU_RELEASE_STATUS_CODE: '500',
    });
  });
});
