import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhookBody(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

/**
 * Razorpay's webhook check: hex HMAC-SHA256 of the raw body with the webhook secret.
 * Compared in constant time, so the time taken does not reveal how much of a guess matched.
 */
export function isValidWebhookSignature(rawBody: string, signature: string | undefined, secret: string): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signWebhookBody(rawBody, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
