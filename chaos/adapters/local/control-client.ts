import { Agent, request } from 'undici';
import { RemoteServiceError } from '../../../common/remote-service-error.ts';

export class ControlApiError extends RemoteServiceError {
  override name = 'ControlApiError';
}

export interface ControlClientOptions {
  baseUrl: string;
  adminToken: string;
  /** Every call ends by then: connect, headers and body. */
  timeoutMs: number;
}

/**
 * The reference platform's control API (`/_control/…`, `x-admin-token`), on undici with a
 * deadline on every call. Paths and bodies are the AWS-shaped ones in common/aws-shapes.
 */
export class ControlClient {
  readonly #options: ControlClientOptions;
  readonly #agent: Agent;

  constructor(options: ControlClientOptions) {
    this.#options = options;
    this.#agent = new Agent({
      connect: { timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, signal: AbortSignal): Promise<T> {
    const url = new URL(path, this.#options.baseUrl);
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.#options.timeoutMs)]);
    let status: number;
    let text: string;
    try {
      const response = await request(url, {
        method,
        headers: {
          'x-admin-token': this.#options.adminToken,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: deadline,
        dispatcher: this.#agent,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      if (signal.aborted) throw signal.reason as Error;
      const why = deadline.aborted ? `no answer within ${this.#options.timeoutMs} ms` : (error as Error).message;
      throw new ControlApiError(`${method} ${url.pathname}: ${why}`);
    }
    if (status < 200 || status >= 300) {
      throw new ControlApiError(`${method} ${url.pathname} answered ${status}: ${text.slice(0, 300)}`, status);
    }
    try {
      return (text ? JSON.parse(text) : {}) as T;
    } catch {
      throw new ControlApiError(`${method} ${url.pathname} answered ${status} with a body that is not JSON`, status);
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}

/** Fills `{name}`-style placeholders of a CONTROL_ROUTES entry and splits off its method. */
export function route(entry: string, params: Record<string, string> = {}): { method: 'GET' | 'POST' | 'PUT'; path: string } {
  const [method, template] = entry.split(' ') as ['GET' | 'POST' | 'PUT', string];
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `{${name}}`));
  return { method, path };
}
