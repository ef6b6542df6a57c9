import { randomInt } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db/with-transaction.ts';

export interface PaymentIntent {
  id: string;
  orderId: string;
  provider: 'razorpay';
  providerOrderId: string;
  amountMinor: number;
  currency: string;
  status: 'created' | 'captured';
}

const INTENT_COLUMNS = `id, order_id AS "orderId", provider, provider_order_id AS "providerOrderId",
  amount_minor AS "amountMinor", currency, status`;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Razorpay order ids look like `order_` and 14 alphanumerics; a local one should too. */
function razorpayOrderId(): string {
  let id = 'order_';
  for (let i = 0; i < 14; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export async function insertIntent(
  db: pg.Pool,
  order: { id: string; totalMinor: number; currency: string },
): Promise<PaymentIntent> {
  const { rows } = await db.query<PaymentIntent>(
    `INSERT INTO payment_intents (order_id, provider, provider_order_id, amount_minor, currency, status)
     VALUES ($1, 'razorpay', $2, $3, $4, 'created') RETURNING ${INTENT_COLUMNS}`,
    [order.id, razorpayOrderId(), order.totalMinor, order.currency],
  );
  const intent = rows[0];
  if (!intent) throw new Error('INSERT ... RETURNING returned no row');
  return intent;
}

export async function findIntentByProviderOrderId(
  db: pg.Pool,
  providerOrderId: string,
): Promise<PaymentIntent | undefined> {
  const { rows } = await db.query<PaymentIntent>(
    `SELECT ${INTENT_COLUMNS} FROM payment_intents WHERE provider_order_id = $1`,
    [providerOrderId],
  );
  return rows[0];
}

/**
 * Marks the intent captured and its order paid, in one transaction. Both updates only
 * move forward (`created` → `captured`, `pending_payment` → `paid`), so a replayed
 * webhook changes nothing. Returns whether this call changed anything.
 */
export async function capturePayment(db: pg.Pool, intent: PaymentIntent, providerPaymentId: string): Promise<boolean> {
  return withTransaction(db, async (client) => {
    const captured = await client.query(
      `UPDATE payment_intents SET status = 'captured', provider_payment_id = $2, captured_at = now()
        WHERE id = $1 AND status = 'created'`,
      [intent.id, providerPaymentId],
    );
    await client.query(
      `UPDATE orders SET status = 'paid', paid_at = now() WHERE id = $1 AND status = 'pending_payment'`,
      [intent.orderId],
    );
    return (captured.rowCount ?? 0) > 0;
  });
}
