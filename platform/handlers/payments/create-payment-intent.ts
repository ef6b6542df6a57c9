import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { z } from 'zod';
import { authenticate } from '../../auth/authenticate.ts';
import { ApiError, notFound } from '../../http/api-error.ts';
import { defineHandler } from '../../http/platform-handler.ts';
import { parseJsonBody } from '../../http/request-body.ts';
import { jsonResult } from '../../http/responses.ts';
import { findOrder } from '../../orders/order-repository.ts';
import { insertIntent } from '../../payments/payment-intents.ts';
import { runtime } from '../../runtime.ts';

const intentRequest = z.object({ orderId: z.uuid() });

/** POST /payments/intents: a Razorpay order for the full order total; 409 once the order is paid. */
export const createPaymentIntent = defineHandler(async (event) => {
  const principal = await authenticate(event);
  const { orderId } = parseJsonBody(event, intentRequest);
  const { db } = runtime();
  const stored = await findOrder(db, principal.userId, orderId);
  if (!stored) throw notFound(`Order ${orderId}`);
  if (stored.order.status === 'paid') {
    throw new ApiError(409, 'ORDER_ALREADY_PAID', `Order ${orderId} is already paid; there is nothing left to pay`);
  }
  return jsonResult(201, await insertIntent(db, stored.order));
}) satisfies APIGatewayProxyHandlerV2;
