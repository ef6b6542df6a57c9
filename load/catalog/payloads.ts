/**
 * Request bodies and headers for the business flows, shared by the k6 scenarios and
 * the Node tests. Plain functions of their inputs, so a body can be rebuilt exactly
 * (an idempotent replay must send the very same body).
 */
export interface OrderLine {
  menuItemId: string;
  quantity: number;
}

export interface OrderBody {
  studentId: string;
  deliveryDate: string;
  items: OrderLine[];
}

/**
 * One order of one or two items, chosen by the iteration number so the body varies
 * (a cache keyed on the body cannot flatter the numbers) yet is reproducible.
 */
export function orderBody(
  studentId: string,
  deliveryDate: string,
  menuItemIds: readonly string[],
  seq: number,
): OrderBody {
  if (menuItemIds.length === 0) throw new Error('orderBody: the menu has no available items to order');
  const first = menuItemIds[seq % menuItemIds.length] ?? '';
  const items: OrderLine[] = [{ menuItemId: first, quantity: 1 + (seq % 2) }];
  const second = menuItemIds[(seq + 1) % menuItemIds.length];
  if (seq % 3 === 0 && second !== undefined && second !== first) items.push({ menuItemId: second, quantity: 1 });
  return { studentId, deliveryDate, items };
}

/** Unique per run and iteration: a later run must never collide with an earlier one's keys (409). */
export function idempotencyKey(runId: string, iteration: number): string {
  return `load-${runId}-${iteration}`;
}

export function paymentIntentBody(orderId: string): { orderId: string } {
  return { orderId };
}

export function loginBody(email: string, password: string): { email: string; password: string } {
  return { email, password };
}
