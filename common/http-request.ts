import { Agent, request, type Dispatcher } from 'undici';
import { redact } from './redact.ts';

export type HttpMethod = Dispatcher.HttpMethod;

export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers?: Record<string, string>;
  /** Sent as is; serialising (JSON or not) is the caller's part. */
  body?: string;
  /** Whole-request deadline: connect, headers and body together. */
  timeoutMs: number;
  /** Larger bodies are cut off and fail, so a runaway answer cannot exhaust memory. */
  maxResponseBytes?: number;
  /** The caller's own abort; the request then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** A pool made by deadlineAgent(); without one, undici's shared pool. */
  dispatcher?: Dispatcher;
}

export interface HttpAnswer {
  status: number;
  /** Repeated headers joined with ", ", as fetch's Headers.get() does. */
  headers: Record<string, string>;
  text: string;
  /** Milliseconds from sending the request to the last byte of the body. */
  durationMs: number;
}

/** Why no answer came: past the deadline, a body over the cap, or the connection failed. */
export type HttpFailureKind = 'timeout' | 'too-large' | 'failed';

/**
 * A request that got no usable answer. `detail` is the transport's own words; the message is
 * redacted, because a transport error can quote the URL with its credentials.
 */
export class HttpRequestError extends Error {
  override name = 'HttpRequestError';
  readonly kind: HttpFailureKind;
  readonly detail: string;
  readonly elapsedMs: number;

  constructor(kind: HttpFailureKind, detail: string, elapsedMs: number) {
    super(redact(detail));
    this.kind = kind;
    this.detail = detail;
    this.elapsedMs = elapsedMs;
  }
}

/** A connection pool whose connect, headers and body phases each end by `timeoutMs`. */
export function deadlineAgent(timeoutMs: number): Agent {
  return new Agent({
    connect: { timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

/**
 * One HTTP exchange for the harness's own clients (the target's API, the control API, a Pact
 * Broker): a deadline on every call, an optional size cap, and a redirect answered as is,
 * never followed (the smoke checks' rule: a Location header must not carry the request's
 * credentials anywhere). A status is an answer, whatever it is; judging it is the caller's.
 */
export async function httpRequest(options: HttpRequest): Promise<HttpAnswer> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const started = performance.now();
  try {
    const response = await request(options.url, {
      method: options.method,
      headers: options.headers,
      body: options.body,
      signal,
      dispatcher: options.dispatcher,
    });
    const text = await readBody(response.body, options.maxResponseBytes);
    return {
      status: response.statusCode,
      headers: joinedHeaders(response.headers),
      text,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason as Error;
    throw failure(error, deadline, Math.round(performance.now() - started));
  }
}

class BodyTooLarge extends Error {}

async function readBody(body: Dispatcher.ResponseData['body'], maxBytes: number | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (maxBytes !== undefined && size > maxBytes) {
      body.destroy();
      throw new BodyTooLarge(`the answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function joinedHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
}

function failure(error: unknown, deadline: AbortSignal, elapsedMs: number): HttpRequestError {
  const { name, message } = error as Error;
  if (error instanceof BodyTooLarge) return new HttpRequestError('too-large', message, elapsedMs);
  // undici's own phase timeouts (connect, headers, body) count as the deadline too.
  const timedOut = deadline.aborted || /timeout/i.test(name) || /timeout/i.test(message);
  return new HttpRequestError(timedOut ? 'timeout' : 'failed', message, elapsedMs);
}
