import { ownModuleUrl } from '../../common/own-module.ts';

/**
 * Where each function's handler lives, so a version's worker loads that one handler
 * (as a Lambda package holds one function) instead of every route: a smaller init.
 * Each module exports the handler under the function's name; handler-modules.test.ts
 * checks this against routes.ts.
 */
const PATHS: Record<string, string> = {
  comprehensiveHealthCheck: '../handlers/health/comprehensive-health-check.ts',
  livenessProbe: '../handlers/health/liveness-probe.ts',
  readinessProbe: '../handlers/health/readiness-probe.ts',
  startupProbe: '../handlers/health/startup-probe.ts',
  login: '../handlers/auth/login.ts',
  getMenu: '../handlers/menus/get-menu.ts',
  createOrder: '../handlers/orders/create-order.ts',
  getOrder: '../handlers/orders/get-order.ts',
  createPaymentIntent: '../handlers/payments/create-payment-intent.ts',
  paymentWebhook: '../handlers/payments/payment-webhook.ts',
};

/** The module URL of a function's handler, or undefined for a function with no module listed. */
export function handlerModule(functionName: string): string | undefined {
  const path = PATHS[functionName];
  return path === undefined ? undefined : ownModuleUrl(path, import.meta.url).href;
}
