import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HarnessError } from '../../common/harness-error.ts';
import { errorResult } from '../http/responses.ts';
import { answerClientError } from './client-error.ts';
import { lambdaContext } from './lambda-context.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import { pickRequestId } from './request-id.ts';
import { createRouteTable, type Route } from './route-table.ts';
import { toApiGatewayEvent } from './to-event.ts';
import { writeResult } from './write-result.ts';

export interface GatewayOptions {
  routes: readonly Route[];
  host: string;
  /** 0 asks the kernel for a free port. */
  port: number;
  /** Runs each invocation, e.g. inside the platform's runtime; defaults to calling it directly. */
  around?: <T>(invoke: () => Promise<T>) => Promise<T>;
  /** API Gateway's payload limit is 10 MB; the platform's requests are tiny, so refuse far less. */
  bodyLimitBytes?: number;
  /** The Lambda timeout: a handler that runs longer gets 504. */
  invocationTimeoutMs?: number;
}

export interface StartedGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

const TIMED_OUT = Symbol('timed out');

/** Like a Lambda timeout: the caller stops waiting; the handler's promise is left to settle on its own. */
async function invokeWithDeadline<T>(
  invoke: () => Promise<T>,
  timeoutMs: number,
): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    return await Promise.race([invoke(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A local API Gateway: HTTP in, a v2 event to the route's handler, the structured result back out. */
export async function startGateway(options: GatewayOptions): Promise<StartedGateway> {
  const match = createRouteTable(options.routes);
  const around = options.around ?? (<T>(invoke: () => Promise<T>) => invoke());
  const bodyLimit = options.bodyLimitBytes ?? 256 * 1024;
  const timeoutMs = options.invocationTimeoutMs ?? 10_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = pickRequestId(req.headers['x-request-id']);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://gateway.local');
    let result: APIGatewayProxyStructuredResultV2;
    try {
      const body = await readBody(req, bodyLimit);
      const found = match(method, url.pathname);
      if (!found) {
        result = errorResult(404, 'NOT_FOUND', `No route for ${method} ${url.pathname}`, requestId);
      } else {
        const { route, pathParameters } = found;
        const event = toApiGatewayEvent({
          req,
          url,
          body,
          routeKey: route.routeKey,
          pathParameters,
          requestId,
        });
        const context = lambdaContext(route.functionName, timeoutMs);
        const outcome = await invokeWithDeadline(
          () => around(() => route.handler(event, context)),
          timeoutMs,
        );
        result =
          outcome === TIMED_OUT
            ? errorResult(
                504,
                'GATEWAY_TIMEOUT',
                `${route.functionName} did not answer within ${timeoutMs} ms`,
                requestId,
              )
            : outcome;
      }
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        result = errorResult(
          413,
          'PAYLOAD_TOO_LARGE',
          `The request body must be at most ${error.limitBytes} bytes`,
          requestId,
        );
        res.setHeader('connection', 'close');
      } else {
        // Handlers answer their own errors; reaching here is a bug, so log it, and tell the client nothing of it.
        console.error(`gateway [${requestId}] ${method} ${url.pathname} failed:`, error);
        result = errorResult(
          500,
          'INTERNAL',
          `Internal error; quote request id ${requestId} when reporting it`,
          requestId,
        );
      }
    }
    writeResult(res, result, requestId);
  }

  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5000 },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        // Only writing the response can fail here (say, a header value a handler got wrong).
        console.error('gateway: could not write a response:', error);
        res.destroy();
      });
    },
  );
  server.on('clientError', answerClientError);
  server.listen(options.port, options.host);
  try {
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => Promise.reject(error as Error)),
    ]);
  } catch (error) {
    server.close();
    throw listenError(error, options.host, options.port);
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still running get a moment to finish; then their sockets go too.
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      return closing;
    },
  };
}

function listenError(error: unknown, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new HarnessError(
      'PORT_IN_USE',
      `Port ${port} on ${host} is already in use. Fix: pick another with --port <n> or PORT=<n> (0 picks a free one), or stop what is listening there.`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new HarnessError(
      'PORT_UNAVAILABLE',
      `Cannot listen on ${host}:${port} (${code}). Fix: use a port above 1023 on 127.0.0.1 via --port or PORT.`,
      {
        cause: error,
      },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
