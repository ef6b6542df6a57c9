import type pg from 'pg';
import type { Principal } from '../auth/access-token.ts';
import { notFound, validationFailed, type ErrorDetails } from '../http/api-error.ts';
import type { OrderRequest } from './order-request.ts';

/**
 * Checks that the student is the caller's and prices every item from the student's
 * school menu. An unknown item is a 400 on that item; someone else's student is a 404.
 */
export async function priceOrder(
  db: pg.Pool,
  principal: Principal,
  request: OrderRequest,
): Promise<Map<string, { name: string; priceMinor: number }>> {
  const student = await db.query<{ school_id: string }>(
    'SELECT school_id FROM students WHERE id = $1 AND parent_id = $2',
    [request.studentId, principal.userId],
  );
  const schoolId = student.rows[0]?.school_id;
  if (!schoolId) throw notFound(`Student ${request.studentId}`);

  const { rows } = await db.query<{ id: string; name: string; price_minor: number }>(
    'SELECT id, name, price_minor FROM menu_items WHERE school_id = $1 AND available AND id = ANY($2::uuid[])',
    [schoolId, request.items.map((item) => item.menuItemId)],
  );
  const priced = new Map(rows.map((row) => [row.id, { name: row.name, priceMinor: row.price_minor }]));
  const details: ErrorDetails = {};
  request.items.forEach((item, index) => {
    if (!priced.has(item.menuItemId)) {
      details[`items.${index}.menuItemId`] = [`is not on the menu of the student's school for ${request.deliveryDate}`];
    }
  });
  if (Object.keys(details).length > 0) throw validationFailed(details);
  return priced;
}
