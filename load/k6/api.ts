import { check } from 'k6';
import http from 'k6/http';
import { ENDPOINTS, endpointPath, type EndpointKey } from '../catalog/endpoints.ts';
import { RESPONSE_CHECKS, type Answer } from '../catalog/response-checks.ts';

export interface CallOptions {
  params?: Record<string, string>;
  /** Replaces the catalog's path, e.g. the profile's `auth.loginPath` on a deployment that differs. */
  path?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  /** Time window of the scenario (spike recovery, soak early/late), tagged on every sample. */
  phase?: string;
}

export interface ApiContext {
  baseUrl: string;
  timeoutMs: number;
}

function parse(body: string | ArrayBuffer | null): unknown {
  if (typeof body !== 'string' || body.length === 0) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One request to a catalog endpoint: tagged with the endpoint's name and kind (the
 * keys of the thresholds), with the `name` tag fixed so ids in URLs do not explode
 * the metric series, and checked against the endpoint's response checks.
 */
export function call(api: ApiContext, key: EndpointKey, options: CallOptions = {}): Answer {
  const endpoint = ENDPOINTS[key];
  const tags: Record<string, string> = {
    endpoint: endpoint.name,
    kind: endpoint.kind,
    name: endpoint.name,
  };
  if (options.phase) tags.phase = options.phase;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | null = null;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const url = `${api.baseUrl}${options.path ?? endpointPath(endpoint, options.params)}`;
  const res = http.request(endpoint.method, url, body, {
    headers,
    tags,
    timeout: `${api.timeoutMs}ms`,
  });
  const answer: Answer = { status: res.status, body: parse(res.body) };
  check(answer, RESPONSE_CHECKS[key], tags);
  return answer;
}
