import type pg from 'pg';
import { withTransaction } from '../db/with-transaction.ts';
import type { OrderRequest } from './order-request.ts';

export type OrderStatus = 'pending_payment' | 'paid';

export interface OrderItem {
  menuItemId: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
}

/** The order as the API shows it. */
export interface Order {
  id: string;
  status: OrderStatus;
  studentId: string;
  deliveryDate: string;
  items: OrderItem[];
  totalMinor: number;
  currency: string;
  createdAt: string;
}

export interface StoredOrder {
  order: Order;
  requestFingerprint: string;
}

interface OrderRow {
  id: string;
  status: OrderStatus;
  student_id: string;
  delivery_date: string;
  total_minor: number;
  currency: string;
  created_at: Date;
  request_fingerprint: string;
  items: OrderItem[];
}

// delivery_date as text: pg would turn a DATE into a Date at local midnight, which shifts days across time zones.
const SELECT_ORDER = `
  SELECT o.id, o.status, o.student_id, o.delivery_date::text AS delivery_date, o.total_minor, o.currency,
         o.created_at, o.request_fingerprint,
         COALESCE(json_agg(json_build_object('menuItemId', i.menu_item_id, 'name', i.name,
                  'quantity', i.quantity, 'unitPriceMinor', i.unit_price_minor) ORDER BY i.name)
                  FILTER (WHERE i.order_id IS NOT NULL), '[]') AS items
    FROM orders o LEFT JOIN order_items i ON i.order_id = o.id`;

function toStored(row: OrderRow): StoredOrder {
  return {
    order: {
      id: row.id,
      status: row.status,
      studentId: row.student_id,
      deliveryDate: row.delivery_date,
      items: row.items,
      totalMinor: row.total_minor,
      currency: row.currency,
      createdAt: row.created_at.toISOString(),
    },
    requestFingerprint: row.request_fingerprint,
  };
}

async function selectOne(
  db: pg.Pool | pg.PoolClient,
  where: string,
  params: unknown[],
): Promise<StoredOrder | undefined> {
  const { rows } = await db.query<OrderRow>(`${SELECT_ORDER} WHERE ${where} GROUP BY o.id`, params);
  return rows[0] ? toStored(rows[0]) : undefined;
}

/** Only the owner finds an order; to anyone else it does not exist. */
export const findOrder = (db: pg.Pool, userId: string, orderId: string): Promise<StoredOrder | undefined> =>
  selectOne(db, 'o.id = $1 AND o.user_id = $2', [orderId, userId]);

export const findOrderByKey = (
  db: pg.Pool | pg.PoolClient,
  userId: string,
  idempotencyKey: string,
): Promise<StoredOrder | undefined> =>
  selectOne(db, 'o.user_id = $1 AND o.idempotency_key = $2', [userId, idempotencyKey]);

export interface NewOrder {
  userId: string;
  idempotencyKey: string;
  requestFingerprint: string;
  request: OrderRequest;
  /** Name and unit price per menu item, as priced now. */
  priced: Map<string, { name: string; priceMinor: number }>;
}

/**
 * Inserts the order and its items in one transaction. Returns undefined when an order
 * with this user and key already exists: the unique constraint makes the loser of a
 * race wait for the winner's commit and then insert nothing.
 */
export async function insertOrderOnce(db: pg.Pool, order: NewOrder): Promise<StoredOrder | undefined> {
  const lines = order.request.items.map((item) => {
    const price = order.priced.get(item.menuItemId);
    if (!price) throw new Error(`menu item ${item.menuItemId} was not priced`);
    return { ...item, ...price };
  });
  const total = lines.reduce((sum, line) => sum + line.priceMinor * line.quantity, 0);
  return withTransaction(db, async (client) => {
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO orders (user_id, student_id, delivery_date, status, total_minor, currency, idempotency_key, request_fingerprint)
       VALUES ($1, $2, $3, 'pending_payment', $4, 'INR', $5, $6)
       ON CONFLICT ON CONSTRAINT orders_user_idempotency_key_unique DO NOTHING
       RETURNING id`,
      [
        order.userId,
        order.request.studentId,
        order.request.deliveryDate,
        total,
        order.idempotencyKey,
        order.requestFingerprint,
      ],
    );
    const id = inserted.rows[0]?.id;
    // The key was taken: ON CONFLICT wrote nothing, so committing the empty transaction is harmless.
    if (!id) return undefined;
    await client.query(
      `INSERT INTO order_items (order_id, menu_item_id, name, quantity, unit_price_minor)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::int[], $5::int[])`,
      [
        id,
        lines.map((l) => l.menuItemId),
        lines.map((l) => l.name),
        lines.map((l) => l.quantity),
        lines.map((l) => l.priceMinor),
      ],
    );
    return selectOne(client, 'o.id = $1', [id]);
  });
}
