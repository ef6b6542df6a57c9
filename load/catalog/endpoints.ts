/**
 * The platform endpoints the load scenarios drive, as plain data. This module is
 * k6-free and Node-free on purpose: esbuild bundles it into the k6 scenarios, and
 * the Node runner reads the same names to map k6's metrics back to checks.
 */
export type EndpointKind = 'health' | 'business' | 'setup';
export type HttpMethod = 'GET' | 'POST';

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

export const ENDPOINTS = {
  login: { name: 'login', method: 'POST', path: '/auth/login', kind: 'setup', okStatus: [200] },
  health: { name: 'health', method: 'GET', path: '/health', kind: 'health', okStatus: [200] },
  healthReady: {
    name: 'health-ready',
    method: 'GET',
    path: '/health/ready',
    kind: 'health',
    okStatus: [200],
  },
  menus: {
    name: 'menus',
    method: 'GET',
    path: '/schools/{schoolId}/menus?date={date}',
    kind: 'business',
    okStatus: [200],
  },
  orderCreate: {
    name: 'order-create',
    method: 'POST',
    path: '/orders',
    kind: 'business',
    okStatus: [201],
  },
  // A client retry with the same Idempotency-Key and body must return the first order.
  orderReplay: {
    name: 'order-replay',
    method: 'POST',
    path: '/orders',
    kind: 'business',
    okStatus: [200, 201],
  },
  orderGet: {
    name: 'order-get',
    method: 'GET',
    path: '/orders/{orderId}',
    kind: 'business',
    okStatus: [200],
  },
  paymentIntent: {
    name: 'payment-intent',
    method: 'POST',
    path: '/payments/intents',
    kind: 'business',
    okStatus: [201],
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointKey = keyof typeof ENDPOINTS;

/** Endpoints that carry load and so get their own latency verdict (login runs once, in setup). */
export const LOADED_ENDPOINTS: readonly Endpoint[] = Object.values(ENDPOINTS).filter(
  (e) => e.kind !== 'setup',
);

/** Fills `{name}` placeholders; values are URI-encoded so an id can never change the path. */
export function endpointPath(endpoint: Endpoint, params: Record<string, string> = {}): string {
  return endpoint.path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined)
      throw new Error(`${endpoint.name}: missing path parameter "${key}" for ${endpoint.path}`);
    return encodeURIComponent(value);
  });
}
