import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
async function invokeWithDeadline<T>(invoke: () => Promise<T>, timeoutMs: number): Promise<T | typeof TIMED_OUT> {
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

/** The options with their defaults filled in: what each request needs. */
interface GatewaySettings {
  match: ReturnType<typeof createRouteTable>;
  around: <T>(invoke: () => Promise<T>) => Promise<T>;
  bodyLimit: number;
  timeoutMs: number;
}

interface GatewayRequest {
  req: IncomingMessage;
  url: URL;
  method: string;
  requestId: string;
}

/** Reads the body, finds the route and invokes its handler within the Lambda timeout. */
async function invokeRoute(
  request: GatewayRequest,
  settings: GatewaySettings,
): Promise<APIGatewayProxyStructuredResultV2> {
  const { req, url, method, requestId } = request;
  const body = await readBody(req, settings.bodyLimit);
  const found = settings.match(method, url.pathname);
  if (!found) return errorResult(404, 'NOT_FOUND', `No route for ${method} ${url.pathname}`, requestId);
  const { route, pathParameters } = found;
  const event = toApiGatewayEvent({
    req,
    url,
    body,
    routeKey: route.routeKey,
    pathParameters,
    requestId,
  });
  const context = lambdaContext(route.functionName, settings.timeoutMs);
  const outcome = await invokeWithDeadline(
    () => settings.around(() => route.handler(event, context)),
    settings.timeoutMs,
  );
  if (outcome !== TIMED_OUT) return outcome;
  return errorResult(
    504,
    'GATEWAY_TIMEOUT',
    `${route.functionName} did not answer within ${settings.timeoutMs} ms`,
    requestId,
  );
}

/** 413 for a body over the limit (and the connection closed); 500 for anything else, which is a bug. */
function failureResult(
  error: unknown,
  request: GatewayRequest,
  res: ServerResponse,
): APIGatewayProxyStructuredResultV2 {
  const { method, url, requestId } = request;
  if (error instanceof BodyTooLargeError) {
    res.setHeader('connection', 'close');
    return errorResult(
      413,
      'PAYLOAD_TOO_LARGE',
      `The request body must be at most ${error.limitBytes} bytes`,
      requestId,
    );
  }
  // Handlers answer their own errors; reaching here is a bug, so log it, and tell the client nothing of it.
  console.error(`gateway [${requestId}] ${method} ${url.pathname} failed:`, error);
  return errorResult(500, 'INTERNAL', `Internal error; quote request id ${requestId} when reporting it`, requestId);
}

/** One HTTP request through the gateway: always answered, with the request's id. */
async function handleRequest(req: IncomingMessage, res: ServerResponse, settings: GatewaySettings): Promise<void> {
  const request: GatewayRequest = {
    req,
    url: new URL(req.url ?? '/', 'http://gateway.local'),
    method: req.method ?? 'GET',
    requestId: pickRequestId(req.headers['x-request-id']),
  };
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await invokeRoute(request, settings);
  } catch (error) {
    result = failureResult(error, request, res);
  }
  writeResult(res, result, request.requestId);
}

/** Listens, or fails with what to do about a port that is taken or not allowed. */
async function listen(server: Server, host: string, port: number): Promise<number> {
  server.listen(port, host);
  try {
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => Promise.reject(error as Error)),
    ]);
  } catch (error) {
    server.close();
    throw listenError(error, host, port);
  }
  return (server.address() as AddressInfo).port;
}

/** Closes once however often it is called: idle sockets at once, busy ones after a grace period. */
function closeOnce(server: Server): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Requests still running get a moment to finish; then their sockets go too.
      setTimeout(() => server.closeAllConnections(), 2000).unref();
    });
    return closing;
  };
}

/** A local API Gateway: HTTP in, a v2 event to the route's handler, the structured result back out. */
export async function startGateway(options: GatewayOptions): Promise<StartedGateway> {
  const settings: GatewaySettings = {
    match: createRouteTable(options.routes),
    around: options.around ?? (<T>(invoke: () => Promise<T>) => invoke()),
    bodyLimit: options.bodyLimitBytes ?? 256 * 1024,
    timeoutMs: options.invocationTimeoutMs ?? 10_000,
  };
  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5000 },
    (req, res) => {
      handleRequest(req, res, settings).catch((error: unknown) => {
        // Only writing the response can fail here (say, a header value a handler got wrong).
        console.error('gateway: could not write a response:', error);
        res.destroy();
      });
    },
  );
  server.on('clientError', answerClientError);
  const port = await listen(server, options.host, options.port);
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    port,
    close: closeOnce(server),
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
