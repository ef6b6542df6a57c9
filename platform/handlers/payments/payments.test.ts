import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { call, expectError } from '../../test-support/api-client.ts';
import { OrderSchema, PaymentIntentSchema } from '../../../fixtures/platform-contract/business.ts';
import { signWebhook } from '../../../fixtures/platform-contract/webhook.ts';
import { capturedEvent, createOrder, login, type Session } from '../../test-support/demo-session.ts';
import { createOtherParent } from '../../test-support/other-parent.ts';

const { url, demoParent, webhookSecret } = inject('platform');
const { databaseUrl } = inject('services');

let session: Session;
beforeAll(async () => {
  session = await login(url, demoParent);
});

async function createIntent(orderId: string) {
  const response = await call(url, 'POST', '/payments/intents', {
    token: session.token,
    body: { orderId },
  });
  expect(response.status).toBe(201);
  return PaymentIntentSchema.parse(response.json);
}

const postWebhook = (rawBody: string, signature?: string) =>
  call(url, 'POST', '/payments/webhook', {
    rawBody,
    headers: {
      'content-type': 'application/json',
      ...(signature === undefined ? {} : { 'x-razorpay-signature': signature }),
    },
  });

async function orderStatus(orderId: string): Promise<string> {
  const response = await call(url, 'GET', `/orders/${orderId}`, { token: session.token });
  return OrderSchema.parse(response.json).status;
}

describe('POST /payments/intents', () => {
  test('creates a Razorpay intent for the order total', async () => {
    const order = await createOrder(url, session, 2);
    const intent = await createIntent(order.id);
    expect(intent).toMatchObject({
      orderId: order.id,
      amountMinor: order.totalMinor,
      currency: 'INR',
      status: 'created',
    });
    expect(intent.providerOrderId).toMatch(/^order_[A-Za-z0-9]{14}$/);
  });

  test('answers an unknown order with 404', async () => {
    expectError(
      await call(url, 'POST', '/payments/intents', {
        token: session.token,
        body: { orderId: randomUUID() },
      }),
      404,
      'NOT_FOUND',
    );
  });

  test("answers another user's order with 404", async () => {
    const order = await createOrder(url, session);
    const other = await login(url, await createOtherParent(databaseUrl));
    expectError(
      await call(url, 'POST', '/payments/intents', {
        token: other.token,
        body: { orderId: order.id },
      }),
      404,
      'NOT_FOUND',
    );
  });

  test('refuses a body without a valid orderId with 400', async () => {
    const response = await call(url, 'POST', '/payments/intents', {
      token: session.token,
      body: { orderId: 42 },
    });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.json).toMatchObject({ error: { details: { orderId: [expect.any(String)] } } });
  });

  test('needs a bearer token', async () => {
    expectError(
      await call(url, 'POST', '/payments/intents', { body: { orderId: randomUUID() } }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('POST /payments/webhook', () => {
  test('a bad signature gets 401 and the order stays pending_payment', async () => {
    const order = await createOrder(url, session);
    const intent = await createIntent(order.id);
    const { rawBody } = capturedEvent(intent.providerOrderId, intent.amountMinor, webhookSecret);
    const wrongKey = capturedEvent(intent.providerOrderId, intent.amountMinor, 'not-the-webhook-secret');
    expectError(await postWebhook(rawBody, wrongKey.signature), 401, 'INVALID_SIGNATURE');
    expectError(await postWebhook(rawBody, 'f'.repeat(64)), 401, 'INVALID_SIGNATURE');
    expectError(await postWebhook(rawBody), 401, 'INVALID_SIGNATURE');
    expect(await orderStatus(order.id)).toBe('pending_payment');
  });

  test('a signature over other bytes gets 401: the raw body is what is signed', async () => {
    const order = await createOrder(url, session);
    const intent = await createIntent(order.id);
    const { rawBody, signature } = capturedEvent(intent.providerOrderId, intent.amountMinor, webhookSecret);
    expectError(await postWebhook(`${rawBody} `, signature), 401, 'INVALID_SIGNATURE');
    expect(await orderStatus(order.id)).toBe('pending_payment');
  });

  test('a valid payment.captured marks the order paid; a replay changes nothing and still gets 200', async () => {
    const order = await createOrder(url, session);
    const intent = await createIntent(order.id);
    const { rawBody, signature } = capturedEvent(intent.providerOrderId, intent.amountMinor, webhookSecret);
    const first = await postWebhook(rawBody, signature);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ orderId: order.id, orderStatus: 'paid', duplicate: false });
    expect(await orderStatus(order.id)).toBe('paid');

    const replay = await postWebhook(rawBody, signature);
    expect(replay.status).toBe(200);
    expect(replay.json).toMatchObject({ orderId: order.id, duplicate: true });
    expect(await orderStatus(order.id)).toBe('paid');
  });

  test('an intent for a paid order is refused with 409', async () => {
    const order = await createOrder(url, session);
    const intent = await createIntent(order.id);
    const { rawBody, signature } = capturedEvent(intent.providerOrderId, intent.amountMinor, webhookSecret);
    expect((await postWebhook(rawBody, signature)).status).toBe(200);
    expectError(
      await call(url, 'POST', '/payments/intents', {
        token: session.token,
        body: { orderId: order.id },
      }),
      409,
      'ORDER_ALREADY_PAID',
    );
  });

  test('a capture of another amount is refused and the order stays pending_payment', async () => {
    const order = await createOrder(url, session);
    const intent = await createIntent(order.id);
    const { rawBody, signature } = capturedEvent(intent.providerOrderId, intent.amountMinor - 100, webhookSecret);
    expectError(await postWebhook(rawBody, signature), 400, 'VALIDATION_FAILED');
    expect(await orderStatus(order.id)).toBe('pending_payment');
  });

  test('a capture for an unknown Razorpay order gets 404', async () => {
    const { rawBody, signature } = capturedEvent('order_UnknownOrder0001', 1000, webhookSecret);
    expectError(await postWebhook(rawBody, signature), 404, 'NOT_FOUND');
  });

  test('other event types are acknowledged and ignored', async () => {
    const rawBody = JSON.stringify({ event: 'refund.created', payload: {} });
    const response = await postWebhook(rawBody, signWebhook(rawBody, webhookSecret));
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ received: true });
    expect((response.json as { ignored: string }).ignored).toContain('refund.created');
  });
});
