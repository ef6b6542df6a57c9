import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DEMO_MENU } from '../db/demo-data.ts';
import { call } from './api-client.ts';
import { LoginResponseSchema, OrderSchema } from '../../fixtures/platform-contract/business.ts';
import { paymentCapturedEvent, signWebhook } from '../../fixtures/platform-contract/webhook.ts';

export interface Session {
  token: string;
  userId: string;
  schoolId: string;
  studentId: string;
}

export async function login(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<Session> {
  const response = await call(baseUrl, 'POST', '/auth/login', { body: credentials });
  expect(response.status).toBe(200);
  const { accessToken, user } = LoginResponseSchema.parse(response.json);
  const student = user.students[0];
  if (!student) throw new Error(`${credentials.email} has no student`);
  return { token: accessToken, userId: user.id, schoolId: user.schoolId, studentId: student.id };
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
  const rawBody = paymentCapturedEvent(
    providerOrderId,
    amount,
    `pay_${randomUUID().replaceAll('-', '').slice(0, 14)}`,
  );
  return { rawBody, signature: signWebhook(rawBody, secret) };
}
