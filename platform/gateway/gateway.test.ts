import { connect } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, test, vi, type MockInstance } from 'vitest';
import { jsonResult } from '../http/responses.ts';
import { call, expectError } from '../test-support/api-client.ts';
import { startGateway, type StartedGateway } from './gateway-server.ts';
import { createRouteTable, type Route } from './route-table.ts';

/** A gateway with handlers that echo the event, throw, or hang: the gateway's own behaviour, apart from the platform. */
let gateway: StartedGateway;
let lastEvent: APIGatewayProxyEventV2 | undefined;
const routes: Route[] = [
  {
    routeKey: 'ANY /echo/{id}',
    functionName: 'echo',
    handler: (event, context) => {
      lastEvent = event;
      return Promise.resolve(
        jsonResult(200, {
          functionName: context.functionName,
          remaining: context.getRemainingTimeInMillis(),
        }),
      );
    },
  },
  {
    routeKey: 'GET /throws',
    functionName: 'throws',
    handler: () => Promise.reject(new Error('secret internals at /srv/app.ts:12')),
  },
  { routeKey: 'GET /hangs', functionName: 'hangs', handler: () => new Promise(() => undefined) },
];

// The gateway logs what a handler threw; captured here so the test can check it and the output stays clean.
let consoleError: MockInstance<typeof console.error>;
beforeAll(async () => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  gateway = await startGateway({
    routes,
    host: '127.0.0.1',
    port: 0,
    bodyLimitBytes: 1024,
    invocationTimeoutMs: 300,
  });
});
afterAll(async () => {
  consoleError.mockRestore();
  await gateway.close();
});

describe('the API Gateway v2 event', () => {
  test('carries route, path, query, lower-cased headers, path parameters and request context', async () => {
    const response = await call(gateway.url, 'POST', '/echo/a%20b?x=1&x=2&y=z', {
      body: { hello: 'world' },
      headers: { 'X-Custom': 'Value', 'x-request-id': 'req-123' },
    });
    expect(response.status).toBe(200);
    const { functionName, remaining } = response.json as {
      functionName: string;
      remaining: number;
    };
    expect(functionName).toBe('echo');
    expect(remaining).toBeGreaterThan(0);
    expect(lastEvent).toMatchObject({
      version: '2.0',
      routeKey: 'ANY /echo/{id}',
      rawPath: '/echo/a%20b',
      rawQueryString: 'x=1&x=2&y=z',
      queryStringParameters: { x: '1,2', y: 'z' },
      pathParameters: { id: 'a b' },
      headers: { 'x-custom': 'Value', 'content-type': 'application/json' },
      requestContext: {
        requestId: 'req-123',
        routeKey: 'ANY /echo/{id}',
        stage: '$default',
        http: { method: 'POST', path: '/echo/a%20b' },
      },
      body: '{"hello":"world"}',
      isBase64Encoded: false,
    });
  });

  test('passes a binary body base64-encoded', async () => {
    await call(gateway.url, 'PUT', '/echo/bin', {
      rawBody: 'raw bytes',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(lastEvent).toMatchObject({
      isBase64Encoded: true,
      body: Buffer.from('raw bytes').toString('base64'),
    });
  });
});

describe('x-request-id', () => {
  test('keeps a sane incoming id on success and error responses', async () => {
    for (const path of ['/echo/1', '/nowhere', '/throws']) {
      const response = await call(gateway.url, 'GET', path, {
        headers: { 'x-request-id': 'trace-42' },
      });
      expect(response.headers.get('x-request-id'), path).toBe('trace-42');
    }
  });

  test('replaces a missing or odd id with a fresh one', async () => {
    for (const incoming of [undefined, 'has spaces in it', 'x'.repeat(200)]) {
      const response = await call(gateway.url, 'GET', '/echo/1', {
        headers: incoming ? { 'x-request-id': incoming } : {},
      });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('errors', () => {
  test('an unknown route gets 404 NOT_FOUND in the error envelope', async () => {
    expectError(await call(gateway.url, 'GET', '/nowhere'), 404, 'NOT_FOUND');
    // A known path with another method is no route either, as on API Gateway.
    expectError(await call(gateway.url, 'POST', '/throws'), 404, 'NOT_FOUND');
  });

  test('a thrown error gets 500 INTERNAL without its message or stack', async () => {
    const response = await call(gateway.url, 'GET', '/throws');
    expectError(response, 500, 'INTERNAL');
    expect(response.text).not.toContain('secret internals');
    // The operator still gets the error, under the request id the client was given.
    const logged = consoleError.mock.calls.find((args) =>
      String(args[0]).includes(response.headers.get('x-request-id') ?? '?'),
    );
    expect(logged?.[1]).toMatchObject({ message: 'secret internals at /srv/app.ts:12' });
  });

  test('a handler past its timeout gets 504 GATEWAY_TIMEOUT', async () => {
    expectError(await call(gateway.url, 'GET', '/hangs'), 504, 'GATEWAY_TIMEOUT');
  });

  test('a request that is not HTTP gets 400 in the envelope, with an x-request-id', async () => {
    const { port } = new URL(gateway.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.end('NOT HTTP AT ALL\r\n\r\n');
    let raw = '';
    for await (const chunk of socket) raw += String(chunk);
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    const requestId = /x-request-id: (\S+)/.exec(head)?.[1];
    expect(JSON.parse(body)).toEqual({
      error: { code: 'BAD_REQUEST', message: expect.any(String) as unknown, requestId },
    });
  });

  test('a body over the limit gets 413 PAYLOAD_TOO_LARGE', async () => {
    expectError(await call(gateway.url, 'POST', '/echo/1', { rawBody: 'x'.repeat(2048) }), 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('the platform gateway', () => {
  const { url } = inject('platform');

  test.each([
    ['GET', '/health'],
    ['GET', '/health/live'],
    ['POST', '/auth/login'],
    ['GET', '/orders/x'],
    ['GET', '/no/such/route'],
    ['GET', '/_control/ping'],
  ])('%s %s answers with an x-request-id', async (method, path) => {
    const response = await call(url, method, path);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('route table', () => {
  const handler = (): Promise<never> => Promise.reject(new Error('not called'));
  const match = createRouteTable([
    { routeKey: 'GET /orders/{orderId}', functionName: 'get', handler },
    { routeKey: 'ANY /_control/{proxy+}', functionName: 'control', handler },
  ]);

  test('matches parameters and greedy tails', () => {
    expect(match('GET', '/orders/abc')?.pathParameters).toEqual({ orderId: 'abc' });
    expect(match('DELETE', '/_control/a/b')?.pathParameters).toEqual({ proxy: 'a/b' });
  });

  test('matches nothing for other methods, extra segments, empty parameters or broken encoding', () => {
    expect(match('POST', '/orders/abc')).toBeUndefined();
    expect(match('GET', '/orders/abc/extra')).toBeUndefined();
    expect(match('GET', '/orders/')).toBeUndefined();
    expect(match('GET', '/orders/%E0%A4%A')).toBeUndefined();
    expect(match('GET', '/_control/')).toBeUndefined();
  });
});
