/**
 * The HASIVU platform's endpoints as plain data, the one place an endpoint's identity
 * is written: the reference platform's routes and handler modules, the contract table,
 * the fake platform and the load catalogue all read it (docs/architecture.md, "Adding
 * an endpoint"). It lives in common/ because every one of those layers may import
 * common/ and nothing else they share; and it stays free of imports because esbuild
 * bundles it into the k6 scenarios.
 */
export interface PlatformEndpoint {
  /** Stable id in contract check ids and coverage keys: `orders-create 201`. */
  id: string;
  method: 'GET' | 'POST';
  /** Path template, as OpenAPI and API Gateway write it: `/orders/{orderId}`. */
  path: string;
  /** Tag on k6 samples and fake-platform counts (`endpoint:<tag>`), the last part of load check ids. */
  tag: string;
  /** The reference platform's Lambda function behind the route, as named in its Context. */
  functionName: string;
  /** The function's handler module under platform/handlers/, exporting `functionName`. */
  handlerModule: string;
  /** Needs `Authorization: Bearer <token>`. */
  auth: boolean;
  /** Takes an `Idempotency-Key` header: the same key with the same body returns the first answer. */
  idempotent: boolean;
  /** The status a successful call answers with. */
  successStatus: 200 | 201;
}

export const PLATFORM_ENDPOINTS = {
  health: {
    id: 'health',
    method: 'GET',
    path: '/health',
    tag: 'health',
    functionName: 'comprehensiveHealthCheck',
    handlerModule: 'health/comprehensive-health-check.ts',
    auth: false,
    idempotent: false,
    successStatus: 200,
  },
  healthLive: {
    id: 'health-live',
    method: 'GET',
    path: '/health/live',
    tag: 'health-live',
    functionName: 'livenessProbe',
    handlerModule: 'health/liveness-probe.ts',
    auth: false,
    idempotent: false,
    successStatus: 200,
  },
  healthReady: {
    id: 'health-ready',
    method: 'GET',
    path: '/health/ready',
    tag: 'health-ready',
    functionName: 'readinessProbe',
    handlerModule: 'health/readiness-probe.ts',
    auth: false,
    idempotent: false,
    successStatus: 200,
  },
  healthStartup: {
    id: 'health-startup',
    method: 'GET',
    path: '/health/startup',
    tag: 'health-startup',
    functionName: 'startupProbe',
    handlerModule: 'health/startup-probe.ts',
    auth: false,
    idempotent: false,
    successStatus: 200,
  },
  login: {
    id: 'login',
    method: 'POST',
    path: '/auth/login',
    tag: 'login',
    functionName: 'login',
    handlerModule: 'auth/login.ts',
    auth: false,
    idempotent: false,
    successStatus: 200,
  },
  menus: {
    id: 'menus',
    method: 'GET',
    path: '/schools/{schoolId}/menus',
    tag: 'menus',
    functionName: 'getMenu',
    handlerModule: 'menus/get-menu.ts',
    auth: true,
    idempotent: false,
    successStatus: 200,
  },
  orderCreate: {
    id: 'orders-create',
    method: 'POST',
    path: '/orders',
    tag: 'order-create',
    functionName: 'createOrder',
    handlerModule: 'orders/create-order.ts',
    auth: true,
    idempotent: true,
    successStatus: 201,
  },
  orderRead: {
    id: 'orders-read',
    method: 'GET',
    path: '/orders/{orderId}',
    tag: 'order-get',
    functionName: 'getOrder',
    handlerModule: 'orders/get-order.ts',
    auth: true,
    idempotent: false,
    successStatus: 200,
  },
  paymentIntent: {
    id: 'payment-intents',
    method: 'POST',
    path: '/payments/intents',
    tag: 'payment-intent',
    functionName: 'createPaymentIntent',
    handlerModule: 'payments/create-payment-intent.ts',
    auth: true,
    idempotent: false,
    successStatus: 201,
  },
  paymentWebhook: {
    id: 'payment-webhook',
    method: 'POST',
    path: '/payments/webhook',
    tag: 'payment-webhook',
    functionName: 'paymentWebhook',
    handlerModule: 'payments/payment-webhook.ts',
    auth: false,
    idempotent: false,
    successStatus: 200,
  },
} as const satisfies Record<string, PlatformEndpoint>;

export type PlatformEndpointKey = keyof typeof PLATFORM_ENDPOINTS;
export type PlatformFunctionName = (typeof PLATFORM_ENDPOINTS)[PlatformEndpointKey]['functionName'];

/** Every endpoint, in the order PLATFORM-API.md lists them. */
export const PLATFORM_ENDPOINT_LIST: readonly PlatformEndpoint[] = Object.values(PLATFORM_ENDPOINTS);

/** `POST /orders`: the route key API Gateway and the reference platform match on. */
export const routeKeyOf = (endpoint: PlatformEndpoint): string => `${endpoint.method} ${endpoint.path}`;

/** The path template as an anchored pattern, one capture group per `{param}` in order. */
export function pathPattern(endpoint: PlatformEndpoint): RegExp {
  const literal = endpoint.path.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${literal.join('([^/]+)')}$`);
}
