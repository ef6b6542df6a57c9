import { httpRequest, HttpRequestError, type HttpAnswer } from '../../common/http-request.ts';
import { preview } from '../../common/redact.ts';
import { RemoteServiceError } from '../../common/remote-service-error.ts';
import type { BrokerConfig } from './broker-config.ts';

const TIMEOUT_MS = 10_000;

export type BrokerAuth = Pick<BrokerConfig, 'url' | 'token' | 'username' | 'password'>;

export class BrokerError extends RemoteServiceError {
  override name = 'BrokerError';
}

/**
 * One HAL request to the broker on the harness's HTTP core: auth, JSON both ways, and errors that
 * quote the broker. Like every harness request it has a deadline and answers a redirect as is,
 * never following it with the credentials.
 */
export async function brokerRequest<T>(
  broker: BrokerAuth,
  method: 'GET' | 'POST',
  pathOrUrl: string,
  body?: unknown,
): Promise<T> {
  const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${broker.url}${pathOrUrl}`;
  const headers: Record<string, string> = { accept: 'application/hal+json, application/json' };
  if (broker.token) headers.authorization = `Bearer ${broker.token}`;
  else if (broker.username) {
    headers.authorization = `Basic ${Buffer.from(`${broker.username}:${broker.password ?? ''}`).toString('base64')}`;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  let answer: HttpAnswer;
  try {
    answer = await httpRequest({
      method,
      url: new URL(url),
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: TIMEOUT_MS,
    });
  } catch (error) {
    const timedOut = error instanceof HttpRequestError && error.kind === 'timeout';
    const reason = timedOut ? `no answer within ${TIMEOUT_MS} ms` : (error as Error).message;
    throw new BrokerError(`${method} ${url}: ${reason}`);
  }
  const { status, text } = answer;
  if (status < 200 || status >= 300) {
    throw new BrokerError(`${method} ${url} answered ${status}: ${preview(text, 300)}`, status);
  }
  try {
    return (text ? JSON.parse(text) : {}) as T;
  } catch {
    throw new BrokerError(`${method} ${url} answered ${status} with a body that is not JSON: ${preview(text, 100)}`);
  }
}

/** Expands a HAL link template such as /pacticipants/{pacticipant}/versions/{version}. */
export function expandLink(href: string, values: Record<string, string>): string {
  return href.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}
