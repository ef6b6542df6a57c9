import type { Route } from './gateway/route-table.ts';
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

/** The HTTP API: one Lambda function per route, as serverless.yml would declare it. */
export const API_ROUTES: readonly Route[] = [
  {
    routeKey: 'GET /health',
    functionName: 'comprehensiveHealthCheck',
    handler: comprehensiveHealthCheck,
  },
  { routeKey: 'GET /health/live', functionName: 'livenessProbe', handler: livenessProbe },
  { routeKey: 'GET /health/ready', functionName: 'readinessProbe', handler: readinessProbe },
  { routeKey: 'GET /health/startup', functionName: 'startupProbe', handler: startupProbe },
  { routeKey: 'POST /auth/login', functionName: 'login', handler: login },
  { routeKey: 'GET /schools/{schoolId}/menus', functionName: 'getMenu', handler: getMenu },
  { routeKey: 'POST /orders', functionName: 'createOrder', handler: createOrder },
  { routeKey: 'GET /orders/{orderId}', functionName: 'getOrder', handler: getOrder },
  {
    routeKey: 'POST /payments/intents',
    functionName: 'createPaymentIntent',
    handler: createPaymentIntent,
  },
  { routeKey: 'POST /payments/webhook', functionName: 'paymentWebhook', handler: paymentWebhook },
];
