import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DEMO_MENU } from '../db/demo-data.ts';
import { call, REQUEST_TIMEOUT_MS } from './api-client.ts';
import { ApiClient } from '../../fixtures/api-client/api-client.ts';
import {
  openParentSession,
  type ParentCredentials,
  type ParentSession,
} from '../../fixtures/demo-parent/parent-session.ts';
import { OrderSchema } from '../../fixtures/platform-contract/business.ts';
import { paymentCapturedEvent, signWebhook } from '../../fixtures/platform-contract/webhook.ts';

export type Session = ParentSession;

/** The parent logged in through the harness's own session code, over a client of its own. */
export async function login(baseUrl: string, credentials: ParentCredentials): Promise<Session> {
  const client = new ApiClient({
    baseUrl,
    timeoutMs: REQUEST_TIMEOUT_MS,
    maxResponseBytes: 1_000_000,
  });
  try {
    return await openParentSession(client, credentials);
  } finally {
    await client.close();
  }
}

/** A valid order body for the session's student; `quantity` varies it so two bodies can differ. */
export function orderBody(session: Session, quantity = 1): unknown {
  const [first, second] = DEMO_MENU;
  if (!first || !second) throw new Error('the demo menu needs two items');
  return {
    studentId: session.studentId,
    deliveryDate: '2026-12-01',
    items: [
      { menuItemId: first.id, quantity },
      { menuItemId: second.id, quantity: 1 },
    ],
  };
}

export const expectedTotal = (quantity = 1): number =>
  (DEMO_MENU[0]?.priceMinor ?? 0) * quantity + (DEMO_MENU[1]?.priceMinor ?? 0);

export async function createOrder(baseUrl: string, session: Session, quantity = 1) {
  const response = await call(baseUrl, 'POST', '/orders', {
    token: session.token,
    headers: { 'idempotency-key': randomUUID() },
    body: orderBody(session, quantity),
  });
  expect(response.status).toBe(201);
  return OrderSchema.parse(response.json);
}

/** Razorpay's payment.captured event for a provider order, as raw bytes with their signature. */
export function capturedEvent(
  providerOrderId: string,
  amount: number,
  secret: string,
): { rawBody: string; signature: string } {
  const rawBody = paymentCapturedEvent(providerOrderId, amount, `pay_${randomUUID().replaceAll('-', '').slice(0, 14)}`);
  return { rawBody, signature: signWebhook(rawBody, secret) };
}
