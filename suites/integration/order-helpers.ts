import { randomInt, randomUUID } from 'node:crypto';
import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { ApiResponse } from '../../fixtures/api-client/api-response.ts';
import { MenuSchema, type Menu } from '../../fixtures/platform-contract/business.ts';
import { expectStatus, parseContract } from '../assertions/contract-assertions.ts';
import type { Session } from './fixtures.ts';
import type { OrderBody } from '../../fixtures/demo-parent/parent-session.ts';

export type { OrderBody };

/**
 * A delivery date in the coming months, picked at random so that tests rarely share a menu
 * cache key; a test that depends on the cache's state clears its key first anyway.
 */
export function randomDeliveryDate(): string {
  const day = new Date(Date.now() + randomInt(1, 300) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export const newKey = (): string => `integration-${randomUUID()}`;

export const menuPath = (session: Session, date: string): string => `/schools/${session.schoolId}/menus?date=${date}`;

export async function readMenu(client: ApiClient, session: Session, date: string): Promise<Menu> {
  const response = await client.get(menuPath(session, date), { token: session.token });
  expectStatus(response, 200, 'the demo school has a menu every day');
  return parseContract(MenuSchema, response);
}

/**
 * An order of the first menu items with the given quantities, and the total the platform must
 * charge for it, computed from the prices the menu itself shows.
 */
export function orderFrom(
  session: Session,
  menu: Menu,
  quantities: readonly number[],
): { body: OrderBody; expectedTotal: number } {
  const available = menu.items.filter((item) => item.available);
  if (available.length < quantities.length) {
    throw new Error(`the menu has ${available.length} available items; this test orders ${quantities.length}`);
  }
  const lines = quantities.map((quantity, index) => ({
    item: available[index] as Menu['items'][number],
    quantity,
  }));
  return {
    body: {
      studentId: session.studentId,
      deliveryDate: menu.date,
      items: lines.map(({ item, quantity }) => ({ menuItemId: item.id, quantity })),
    },
    expectedTotal: lines.reduce((sum, { item, quantity }) => sum + item.priceMinor * quantity, 0),
  };
}

export function postOrder(client: ApiClient, session: Session, key: string, body: OrderBody): Promise<ApiResponse> {
  return client.post('/orders', body, {
    token: session.token,
    headers: { 'idempotency-key': key },
  });
}
