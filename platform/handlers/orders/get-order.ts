import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { z } from 'zod';
import { authenticate } from '../../auth/authenticate.ts';
import { notFound } from '../../http/api-error.ts';
import { defineHandler } from '../../http/platform-handler.ts';
import { jsonResult } from '../../http/responses.ts';
import { findOrder } from '../../orders/order-repository.ts';
import { runtime } from '../../runtime.ts';

/** GET /orders/{orderId}: the caller's own order; any other id, well-formed or not, is 404. */
export const getOrder = defineHandler(async (event) => {
  const principal = await authenticate(event);
  const orderId = event.pathParameters?.orderId ?? '';
  // A malformed id cannot name an order, and must not reach Postgres as a uuid cast error.
  const stored = z.uuid().safeParse(orderId).success
    ? await findOrder(runtime().db, principal.userId, orderId)
    : undefined;
  if (!stored) throw notFound(`Order ${orderId}`);
  return jsonResult(200, stored.order);
}) satisfies APIGatewayProxyHandlerV2;
