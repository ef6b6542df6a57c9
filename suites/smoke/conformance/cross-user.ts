import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import type { PaymentIntent } from '../../../fixtures/platform-contract/business.ts';
import type { Session } from '../../fixtures.ts';
import type { ConformanceWorld, PlacedOrder } from './conformance-world.ts';

/**
 * "A request with a valid token that touches another user's resource gets 404, never
 * 200", proved with resources that exist and belong to the other identity: a random id
 * proves only "unknown", which is another sentence. Every endpoint that takes an id or a
 * key that can be someone else's, and every body field naming a student or an order, is
 * tried with the other identity's real one, in both directions.
 */
export interface Owned {
  placed: PlacedOrder;
  intent: PaymentIntent;
}

export interface CrossUserProbe {
  /** `smoke.conformance.other-user.<resource>` */
  resource: string;
  title: string;
  /** What is wrong with how `asker` was answered about `owned` (someone else's), or undefined. */
  probe: (world: ConformanceWorld, asker: Session, owned: Owned) => Promise<string | undefined>;
}

const where = (response: ApiResponse): string => `${response.method} ${response.path}`;

/**
 * Anything but 404 touches the resource; a 404 that names what the caller did not send
 * (the order behind an id, its intent) reveals it besides. Echoing the id asked for is fine.
 */
function refused(response: ApiResponse, owned: Owned, what: string, sent: string): string | undefined {
  const leaked = [owned.placed.order.id, owned.intent.id, owned.intent.providerOrderId].filter(
    (id) => response.text.includes(id) && !sent.includes(id),
  );
  if (response.status !== 404)
    return `${what}: ${where(response)} answered ${response.status}${leaked.length > 0 ? ` and revealed ${leaked.join(', ')}` : ''}`;
  if (leaked.length > 0) return `${what}: the 404 names ${leaked.join(', ')}`;
  return undefined;
}

/** The other identity's order, reached through the caller's own order body shape. */
function ordersBody(owned: Owned, studentId: string): PlacedOrder['body'] {
  return { ...owned.placed.body, studentId };
}

export const CROSS_USER_PROBES: readonly CrossUserProbe[] = [
  {
    resource: 'orders',
    title: "GET /orders/{orderId} with the other identity's order id is 404, both ways",
    probe: async (world, asker, owned) =>
      refused(
        await world.send('GET', `/orders/${owned.placed.order.id}`, { token: asker.token }),
        owned,
        'reading the other identity’s order',
        owned.placed.order.id,
      ),
  },
  {
    resource: 'payment-intents',
    title: "POST /payments/intents for the other identity's order (which has an intent of its own) is 404, both ways",
    probe: async (world, asker, owned) =>
      refused(
        await world.send('POST', '/payments/intents', {
          body: { orderId: owned.placed.order.id },
          token: asker.token,
        }),
        owned,
        'a payment intent for the other identity’s order',
        owned.placed.order.id,
      ),
  },
  {
    resource: 'students',
    title: "POST /orders for the other identity's student is 404, both ways",
    probe: async (world, asker, owned) =>
      refused(
        await world.send('POST', '/orders', {
          body: owned.placed.body,
          token: asker.token,
          headers: { 'idempotency-key': randomUUID() },
        }),
        owned,
        'an order for the other identity’s student',
        owned.placed.body.studentId,
      ),
  },
  {
    resource: 'idempotency-keys',
    title: "POST /orders with the other identity's Idempotency-Key never returns its order, both ways",
    probe: async (world, asker, owned) => {
      // Its key and its exact body: a platform that looks the key up before the owner hands the order over.
      const replayed = await world.send('POST', '/orders', {
        body: owned.placed.body,
        token: asker.token,
        headers: { 'idempotency-key': owned.placed.key },
      });
      const problem = refused(
        replayed,
        owned,
        'the other identity’s key with its body',
        JSON.stringify(owned.placed.body),
      );
      if (problem) return problem;
      // Its key with the caller's own student: any answer but the other identity's order.
      const ownBody = ordersBody(owned, asker.studentId);
      const reused = await world.send('POST', '/orders', {
        body: ownBody,
        token: asker.token,
        headers: { 'idempotency-key': owned.placed.key },
      });
      return reused.text.includes(owned.placed.order.id)
        ? `the other identity’s key with the caller’s own body: ${where(reused)} answered ${reused.status} with the other identity’s order ${owned.placed.order.id}`
        : undefined;
    },
  },
];

/** A fresh order of `session` with a payment intent it made itself: what the other identity probes. */
export async function ownedBy(world: ConformanceWorld, session: Session): Promise<Owned> {
  const placed = await world.placeOrder(session);
  return { placed, intent: await world.createIntent(placed.order.id, session.token) };
}
