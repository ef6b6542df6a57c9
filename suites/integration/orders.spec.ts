import { describe, expect } from 'vitest';
import { OrderSchema } from '../../fixtures/platform-contract/business.ts';
import { check } from '../../reports/vitest/check-meta.ts';
import { expectError, expectStatus, parseContract } from '../assertions/contract-assertions.ts';
import { test } from './fixtures.ts';
import { newKey, orderFrom, postOrder, readMenu, randomDeliveryDate } from './order-helpers.ts';

const TAGS = ['integration'];
const CONCURRENT_REQUESTS = 20;

interface StoredLine {
  menu_item_id: string;
  quantity: number;
  unit_price_minor: number;
}

describe('orders in Postgres', () => {
  test(
    'an order persists with the total of its priced items',
    check('integration.orders.persisted-total', 'integration', 'critical', TAGS),
    async ({ client, session, db }) => {
      const menu = await readMenu(client, session, randomDeliveryDate());
      const { body, expectedTotal } = orderFrom(session, menu, [2, 1, 3]);

      const created = await postOrder(client, session, newKey(), body);
      expectStatus(created, 201, 'a valid order is created');
      const order = parseContract(OrderSchema, created);
      expect(order.totalMinor).toBe(expectedTotal);

      // What the platform acknowledged is what Postgres holds: the row, its lines, and a total that is their sum.
      const stored = await db.query<{
        total_minor: number;
        status: string;
        delivery_date: string;
        student_id: string;
        lines_total: number;
      }>(
        `SELECT o.total_minor, o.status, o.delivery_date::text AS delivery_date, o.student_id,
              (SELECT sum(i.quantity * i.unit_price_minor)::int FROM order_items i WHERE i.order_id = o.id) AS lines_total
         FROM orders o WHERE o.id = $1`,
        [order.id],
      );
      expect(stored.rows).toEqual([
        {
          total_minor: expectedTotal,
          status: 'pending_payment',
          delivery_date: body.deliveryDate,
          student_id: session.studentId,
          lines_total: expectedTotal,
        },
      ]);
      const lines = await db.query<StoredLine>(
        'SELECT menu_item_id, quantity, unit_price_minor FROM order_items WHERE order_id = $1 ORDER BY menu_item_id',
        [order.id],
      );
      const prices = new Map(menu.items.map((item) => [item.id, item.priceMinor]));
      expect(lines.rows).toEqual(
        body.items
          .map((item) => ({
            menu_item_id: item.menuItemId,
            quantity: item.quantity,
            unit_price_minor: prices.get(item.menuItemId),
          }))
          .sort((a, b) => a.menu_item_id.localeCompare(b.menu_item_id)),
      );

      const read = await client.get(`/orders/${order.id}`, { token: session.token });
      expectStatus(read, 200, 'the owner reads the order back');
      expect(parseContract(OrderSchema, read)).toEqual(order);
    },
  );

  test(
    `${CONCURRENT_REQUESTS} concurrent requests with one Idempotency-Key make exactly one order`,
    check('integration.orders.idempotent-concurrent', 'integration', 'critical', TAGS),
    async ({ client, session, db }) => {
      const menu = await readMenu(client, session, randomDeliveryDate());
      const { body, expectedTotal } = orderFrom(session, menu, [1, 2]);
      const key = newKey();

      const responses = await Promise.all(
        Array.from({ length: CONCURRENT_REQUESTS }, () => postOrder(client, session, key, body)),
      );

      expect(responses.map((r) => r.status)).toEqual(Array.from({ length: CONCURRENT_REQUESTS }, () => 201));
      const orders = responses.map((r) => parseContract(OrderSchema, r));
      expect(new Set(orders.map((o) => o.id)).size, 'every response names the same order').toBe(1);
      expect(orders.every((o) => o.totalMinor === expectedTotal)).toBe(true);
      // One request created it; the other nineteen were told they got the first one back.
      expect(responses.filter((r) => r.headers['idempotency-replayed'] === 'false')).toHaveLength(1);

      const stored = await db.query<{ orders: number; lines: number }>(
        `SELECT count(DISTINCT o.id)::int AS orders, count(i.*)::int AS lines
         FROM orders o LEFT JOIN order_items i ON i.order_id = o.id
        WHERE o.user_id = $1 AND o.idempotency_key = $2`,
        [session.userId, key],
      );
      expect(stored.rows).toEqual([{ orders: 1, lines: body.items.length }]);
    },
  );

  test(
    'the same Idempotency-Key with another body is refused and changes nothing',
    check('integration.orders.idempotency-key-reuse', 'integration', 'major', TAGS),
    async ({ client, session, db }) => {
      const menu = await readMenu(client, session, randomDeliveryDate());
      const first = orderFrom(session, menu, [1]);
      const other = orderFrom(session, menu, [4]);
      const key = newKey();

      expectStatus(await postOrder(client, session, key, first.body), 201, 'the first use of a key creates the order');
      expectError(
        await postOrder(client, session, key, other.body),
        409,
        'IDEMPOTENCY_KEY_REUSED',
        'a key belongs to one order',
      );

      const stored = await db.query<{ total_minor: number }>(
        'SELECT total_minor FROM orders WHERE user_id = $1 AND idempotency_key = $2',
        [session.userId, key],
      );
      expect(stored.rows).toEqual([{ total_minor: first.expectedTotal }]);
    },
  );
});
