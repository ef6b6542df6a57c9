import { PLATFORM_ENDPOINTS, routeKeyOf, type PlatformFunctionName } from '../common/platform-endpoints.ts';
import type { Route } from './gateway/route-table.ts';
import type { PlatformHandler } from './http/platform-handler.ts';
import { login } from './handlers/auth/login.ts';
import { comprehensiveHealthCheck } from './handlers/health/comprehensive-health-check.ts';
import { livenessProbe } from './handlers/health/liveness-probe.ts';
import { readinessProbe } from './handlers/health/readiness-probe.ts';
import { startupProbe } from './handlers/health/startup-probe.ts';
import { getMenu } from './handlers/menus/get-menu.ts';
import { createOrder } from './handlers/orders/create-order.ts';
import { getOrder } from './handlers/orders/get-order.ts';
import { createPaymentIntent } from './handlers/payments/create-payment-intent.ts';
import { paymentWebhook } from './handlers/payments/payment-webhook.ts';

/**
 * Each function's handler, for in-process instances. Imported statically so the
 * compiler checks every function in common/platform-endpoints.ts has one; workers load
 * the same handler from its module instead (lambda/handler-modules.ts).
 */
const HANDLERS: Record<PlatformFunctionName, PlatformHandler> = {
  comprehensiveHealthCheck,
  livenessProbe,
  readinessProbe,
  startupProbe,
  login,
  getMenu,
  createOrder,
  getOrder,
  createPaymentIntent,
  paymentWebhook,
};

/** The HTTP API: one Lambda function per route, as serverless.yml would declare it. */
export const API_ROUTES: readonly Route[] = Object.values(PLATFORM_ENDPOINTS).map((endpoint) => ({
  routeKey: routeKeyOf(endpoint),
  functionName: endpoint.functionName,
  handler: HANDLERS[endpoint.functionName],
}));
