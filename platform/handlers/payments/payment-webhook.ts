import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';
import { z } from 'zod';
import { ApiError, notFound, validationFailed } from '../../http/api-error.ts';
import { defineHandler } from '../../http/platform-handler.ts';
import { rawBody, validate } from '../../http/request-body.ts';
import { jsonResult } from '../../http/responses.ts';
import { capturePayment, findIntentByProviderOrderId } from '../../payments/payment-intents.ts';
import { isValidWebhookSignature } from '../../payments/razorpay-signature.ts';
import { runtime } from '../../runtime.ts';

const webhookEvent = z.object({ event: z.string() });

const paymentCaptured = z.object({
  event: z.literal('payment.captured'),
  payload: z.object({
    payment: z.object({
      entity: z.object({
        id: z.string().min(1),
        order_id: z.string().min(1),
        amount: z.int(),
        currency: z.string(),
      }),
    }),
  }),
});

/**
 * POST /payments/webhook: Razorpay's `payment.captured`. The signature is checked over
 * the raw body before anything else is read; a bad one changes nothing. Replays are
 * answered 200 with `duplicate: true`.
 */
export const paymentWebhook = defineHandler(async (event) => {
  const { db, config } = runtime();
  const body = rawBody(event);
  if (!isValidWebhookSignature(body, event.headers['x-razorpay-signature'], config.webhookSecret)) {
    throw new ApiError(
      401,
      'INVALID_SIGNATURE',
      'x-razorpay-signature is missing or is not the hex HMAC-SHA256 of the raw body with the webhook secret',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw validationFailed({ body: ['is not valid JSON'] });
  }
  // Razorpay sends many event types to one URL; acknowledging the others stops its retries.
  const { event: type } = validate(webhookEvent, json);
  if (type !== 'payment.captured') return jsonResult(200, { received: true, ignored: `event ${type} is not handled` });

  const payment = validate(paymentCaptured, json).payload.payment.entity;
  const intent = await findIntentByProviderOrderId(db, payment.order_id);
  if (!intent) throw notFound(`Payment intent with providerOrderId ${payment.order_id}`);
  if (payment.amount !== intent.amountMinor || payment.currency !== intent.currency) {
    // A capture for another amount is not this order's payment: refuse rather than mark it paid.
    throw validationFailed({
      'payload.payment.entity.amount': [`must be ${intent.amountMinor} ${intent.currency}, the amount of the intent`],
    });
  }
  const changed = await capturePayment(db, intent, payment.id);
  return jsonResult(200, {
    received: true,
    orderId: intent.orderId,
    orderStatus: 'paid',
    duplicate: !changed,
  });
}) satisfies APIGatewayProxyHandlerV2;
