import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { lambdaContext } from '../gateway/lambda-context.ts';
import type { FunctionInstance, InvokeOutcome } from './function-instance.ts';
import { FunctionRegistry } from './function-registry.ts';
import { InstancePool } from './instance-pool.ts';
import { aliasInvoker, type InvocationSample } from './invoke-through-alias.ts';

const event = { requestContext: { requestId: 'req-1' } } as APIGatewayProxyEventV2;

function invokerAnswering(answer: () => Promise<InvokeOutcome>) {
  const registry = new FunctionRegistry(['getMenu']);
  const instance: FunctionInstance = {
    initDurationMs: undefined,
    invoke: answer,
    close: () => Promise.resolve(),
  };
  const pool = new InstancePool(
    () => Promise.resolve(instance),
    () => undefined,
  );
  const samples: InvocationSample[] = [];
  const invoke = aliasInvoker(
    {
      registry,
      pool,
      withFaults: (_n, _v, run) => run(),
      record: (sample) => samples.push(sample),
    },
    'getMenu',
  );
  return { invoke, samples };
}

describe('an invocation through the alias', () => {
  test('answers the function result with x-amz-executed-version and counts it', async () => {
    const { invoke, samples } = invokerAnswering(() =>
      Promise.resolve({ ok: true, result: { statusCode: 200, body: 'menu' } }),
    );
    const result = await invoke(event, lambdaContext('getMenu', 1000));
    expect(result).toMatchObject({
      statusCode: 200,
      body: 'menu',
      headers: { 'x-amz-executed-version': '1' },
    });
    expect(samples).toMatchObject([{ functionName: 'getMenu', version: '1', error: false }]);
  });

  test('a function error is a 500 with x-amz-function-error, counted as an Error', async () => {
    const { invoke, samples } = invokerAnswering(() =>
      Promise.resolve({ ok: false, errorType: 'TypeError', errorMessage: 'boom' }),
    );
    const result = await invoke(event, lambdaContext('getMenu', 1000));
    expect(result.statusCode).toBe(500);
    expect(result.headers).toMatchObject({
      'x-amz-function-error': 'Unhandled',
      'x-amz-executed-version': '1',
    });
    expect(JSON.parse(result.body ?? '')).toMatchObject({
      error: { code: 'FUNCTION_ERROR', requestId: 'req-1' },
    });
    expect(samples[0]?.error).toBe(true);
  });

  test('an invocation past its timeout is a 504, counted as an Error, before the gateway gives up', async () => {
    const { invoke, samples } = invokerAnswering(() => new Promise<InvokeOutcome>(() => undefined));
    const result = await invoke(event, lambdaContext('getMenu', 50));
    expect(result.statusCode).toBe(504);
    expect(result.headers).toMatchObject({ 'x-amz-executed-version': '1' });
    expect(samples).toMatchObject([{ error: true }]);
  });
});
