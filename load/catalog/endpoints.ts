/**
 * The platform endpoints the load scenarios drive, as plain data. This module is
 * k6-free and Node-free on purpose: esbuild bundles it into the k6 scenarios, and
 * the Node runner reads the same names to map k6's metrics back to checks. Method,
 * path, tag and success status come from common/platform-endpoints.ts.
 */
import { PLATFORM_ENDPOINTS, type PlatformEndpoint } from '../../common/platform-endpoints.ts';

export type EndpointKind = 'health' | 'business' | 'setup';
export type HttpMethod = PlatformEndpoint['method'];

export interface Endpoint {
  /** Tag value on every k6 sample (`endpoint:<name>`) and the last part of check ids. */
  name: string;
  method: HttpMethod;
  /** Path template; `{param}` segments are filled by `endpointPath`. */
  path: string;
  /** Which SLA applies: health probes (p99 under healthLatencyMs) or business calls (p95 under businessP95Ms). */
  kind: EndpointKind;
  /** Status codes that mean success; anything else is a failed check. */
  okStatus: readonly number[];
}

/** An endpoint of common/platform-endpoints.ts as the load scenarios drive it. */
const driven = <Table extends PlatformEndpoint, Kind extends EndpointKind>(endpoint: Table, kind: Kind, query = '') =>
  ({
    name: endpoint.tag,
    method: endpoint.method,
    path: `${endpoint.path}${query}`,
    kind,
    okStatus: [endpoint.successStatus],
  }) as const;

export const ENDPOINTS = {
  login: driven(PLATFORM_ENDPOINTS.login, 'setup'),
  health: driven(PLATFORM_ENDPOINTS.health, 'health'),
  healthReady: driven(PLATFORM_ENDPOINTS.healthReady, 'health'),
  menus: driven(PLATFORM_ENDPOINTS.menus, 'business', '?date={date}'),
  orderCreate: driven(PLATFORM_ENDPOINTS.orderCreate, 'business'),
  // A client retry with the same Idempotency-Key and body must return the first order:
  // its own tag, so the replay gets its own latency verdict.
  orderReplay: {
    ...driven(PLATFORM_ENDPOINTS.orderCreate, 'business'),
    name: 'order-replay',
    okStatus: [200, PLATFORM_ENDPOINTS.orderCreate.successStatus],
  },
  orderGet: driven(PLATFORM_ENDPOINTS.orderRead, 'business'),
  paymentIntent: driven(PLATFORM_ENDPOINTS.paymentIntent, 'business'),
} as const satisfies Record<string, Endpoint>;

export type EndpointKey = keyof typeof ENDPOINTS;

/** Endpoints that carry load and so get their own latency verdict (login runs once, in setup). */
export const LOADED_ENDPOINTS: readonly Endpoint[] = Object.values(ENDPOINTS).filter((e) => e.kind !== 'setup');

/** Fills `{name}` placeholders; values are URI-encoded so an id can never change the path. */
export function endpointPath(endpoint: Endpoint, params: Record<string, string> = {}): string {
  return endpoint.path.replace(/\{(\w+)\}/g, (_placeholder, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`${endpoint.name}: missing path parameter "${key}" for ${endpoint.path}`);
    return encodeURIComponent(value);
  });
}
