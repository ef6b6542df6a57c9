import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { authenticate } from '../../auth/authenticate.ts';
import { validationFailed } from '../../http/api-error.ts';
import { defineHandler } from '../../http/platform-handler.ts';
import { check, readJsonBody } from '../../http/request-body.ts';
import { jsonResult } from '../../http/responses.ts';
import { createOrderOnce } from '../../orders/create-order-once.ts';
import { idempotencyKeySchema, orderRequestSchema } from '../../orders/order-request.ts';
import { runtime } from '../../runtime.ts';

/**
 * POST /orders with an Idempotency-Key. A repeat of the same key and body gets the
 * first order again with the same 201 (and `idempotency-replayed: true`); the same key
 * with another body gets 409 IDEMPOTENCY_KEY_REUSED.
 */
export const createOrder = defineHandler(async (event) => {
  const principal = await authenticate(event);
  // Header and body are checked together so one answer lists every problem.
  const key = check(idempotencyKeySchema, event.headers['idempotency-key'], 'Idempotency-Key');
  const body = check(orderRequestSchema, readJsonBody(event));
  if (!key.ok || !body.ok) {
    throw validationFailed({ ...(key.ok ? {} : key.details), ...(body.ok ? {} : body.details) });
  }
  const { order, replayed } = await createOrderOnce(runtime(), principal, key.data, body.data);
  return jsonResult(201, order, { 'idempotency-replayed': String(replayed) });
}) satisfies APIGatewayProxyHandlerV2;
