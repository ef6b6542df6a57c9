import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import { jsonBody } from '../../../fixtures/api-client/api-response.ts';
import { OrderSchema } from '../../../fixtures/platform-contract/business.ts';
import { SENTENCES } from '../../../fixtures/platform-contract/endpoints.ts';
import { paymentCapturedEvent, signWebhook } from '../../../fixtures/platform-contract/webhook.ts';
import { BlockedError } from '../../../reports/vitest/blocked-error.ts';
import { LOGIN_CHECK_ID } from '../../fixtures.ts';
import { broken } from './assert-documented.ts';
import type { ConformanceWorld } from './conformance-world.ts';
import { isoDate } from '../../../common/iso-date.ts';
import { PLATFORM_ENDPOINTS } from '../../../common/platform-endpoints.ts';

/**
 * For each documented response, the request that must produce it. Keys are
 * `<endpoint id> <status>` from fixtures/platform-contract/endpoints.ts; a documented
 * response without a provoker fails its check, so the table and this list cannot drift.
 */
export interface Provoker {
  /** The request, in words, for the check's title. */
  request: string;
  /**
   * Sends anything but GET (login aside) or needs data made first: it is tagged
   * `mutating` and does not run on a read-only production profile.
   */
  writes: boolean;
  /** Needs the signed webhook, which never runs in production. */
  webhook?: boolean;
  /**
   * Needs nothing of the smoke account's session, so a failed login does not block it:
   * the login checks judge the login themselves, the health checks need no account.
   */
  signedOut?: boolean;
  send(world: ConformanceWorld): Promise<ApiResponse>;
  /** Promises beyond the documented status, body and headers. */
  then?(response: ApiResponse, world: ConformanceWorld): Promise<void> | void;
}

const health = (path: string): Provoker => ({
  request: `GET ${path} on a healthy target`,
  writes: false,
  signedOut: true,
  send: (world) => world.health(path),
});
const withoutToken = (method: 'GET' | 'POST', path: (world: ConformanceWorld) => string): Provoker => ({
  request: `${method} without Authorization`,
  writes: method !== 'GET',
  send: (world) => world.send(method, path(world), method === 'POST' ? { body: {} } : {}),
});
const menusPath = (world: ConformanceWorld, date = isoDate(new Date())): string =>
  `/schools/${world.session.user.schoolId}/menus?date=${date}`;

const { orderCreate, paymentIntent, paymentWebhook } = PLATFORM_ENDPOINTS;
/** A payment intent asked for as the signed-in parent. */
const postIntent = (world: ConformanceWorld, body: unknown): Promise<ApiResponse> =>
  world.send('POST', paymentIntent.path, { body, token: world.session.token });

export const PROVOKERS: Readonly<Record<string, Provoker>> = {
  'health 200': health(PLATFORM_ENDPOINTS.health.path),
  'health-live 200': health(PLATFORM_ENDPOINTS.healthLive.path),
  'health-ready 200': health(PLATFORM_ENDPOINTS.healthReady.path),
  'health-startup 200': health(PLATFORM_ENDPOINTS.healthStartup.path),

  'login 200': {
    request: 'the smoke account’s email and password',
    writes: false,
    signedOut: true,
    send: async (world) => {
      const response = await world.send('POST', world.environment.profile.auth.loginPath, {
        body: {
          email: world.environment.profile.auth.email,
          password: world.environment.secrets.userPassword ?? '',
        },
      });
      // 401 is the documented answer to wrong credentials: the login check reports that once, as the root cause.
      if (response.status === 401) {
        throw new BlockedError(
          LOGIN_CHECK_ID,
          `login as ${world.environment.profile.auth.email} answered 401: check HARNESS_USER_EMAIL and HARNESS_USER_PASSWORD`,
        );
      }
      return response;
    },
  },
  'login 400': {
    request: 'a body that is no email and password',
    writes: false,
    signedOut: true,
    send: (world) =>
      world.send('POST', world.environment.profile.auth.loginPath, {
        body: { email: 'not-an-email' },
      }),
  },
  'login 401': {
    request: 'the right email with a wrong password',
    writes: false,
    signedOut: true,
    send: (world) =>
      world.send('POST', world.environment.profile.auth.loginPath, {
        body: { email: world.environment.profile.auth.email, password: `wrong-${randomUUID()}` },
      }),
  },

  'menus 200': {
    request: "today's menu of the account's school",
    writes: false,
    send: (world) => world.send('GET', menusPath(world), { token: world.session.token }),
    then(response, world) {
      const menu = jsonBody(response) as { schoolId?: string; date?: string };
      if (menu.schoolId !== world.session.user.schoolId || menu.date !== isoDate(new Date())) {
        throw broken(
          SENTENCES.menu,
          `asked for school ${world.session.user.schoolId} on ${isoDate(new Date())}, got ${menu.schoolId} on ${menu.date}`,
        );
      }
    },
  },
  'menus 400': {
    request: 'a date that is not YYYY-MM-DD',
    writes: false,
    send: (world) => world.send('GET', menusPath(world, 'next-monday'), { token: world.session.token }),
  },
  'menus 401': withoutToken('GET', (world) => menusPath(world)),
  'menus 404': {
    request: 'a school that does not exist',
    writes: false,
    send: (world) =>
      world.send('GET', `/schools/${randomUUID()}/menus?date=${isoDate(new Date())}`, {
        token: world.session.token,
      }),
  },

  'orders-create 201': {
    request: 'a valid order with a new Idempotency-Key',
    writes: true,
    send: async (world) => {
      const menu = await world.menu();
      const item = menu.items.find((candidate) => candidate.available);
      const body = {
        studentId: world.session.studentId,
        deliveryDate: menu.date,
        items: [{ menuItemId: item?.id ?? '', quantity: 2 }],
      };
      return world.send('POST', orderCreate.path, {
        body,
        token: world.session.token,
        headers: { 'idempotency-key': randomUUID() },
      });
    },
    async then(response, world) {
      const order = OrderSchema.parse(jsonBody(response));
      const item = (await world.menu()).items.find((candidate) => candidate.available);
      if (order.status !== 'pending_payment') throw broken(SENTENCES.orderCreate, `a new order is "${order.status}"`);
      if (item && order.totalMinor !== item.priceMinor * 2) {
        throw broken(SENTENCES.money, `2 × ${item.priceMinor} paise came to totalMinor ${order.totalMinor}`);
      }
    },
  },
  'orders-create 400': {
    request: 'an order without its `items` field',
    writes: true,
    send: (world) =>
      world.send('POST', orderCreate.path, {
        body: { studentId: world.session.studentId, deliveryDate: isoDate(new Date()) },
        token: world.session.token,
        headers: { 'idempotency-key': randomUUID() },
      }),
    then(response) {
      const details = (jsonBody(response) as { error?: { details?: unknown } }).error?.details;
      if (details === null || typeof details !== 'object' || Object.keys(details).length === 0) {
        throw broken(SENTENCES.orderInvalid, 'the 400 has no `details` naming the field');
      }
    },
  },
  'orders-create 401': withoutToken('POST', () => orderCreate.path),
  'orders-create 404': {
    request: 'an order for the second identity’s real student',
    writes: true,
    send: async (world) => {
      const other = await world.secondSession();
      const menu = await world.menu();
      const item = menu.items.find((candidate) => candidate.available);
      return world.send('POST', orderCreate.path, {
        body: {
          studentId: other.studentId,
          deliveryDate: menu.date,
          items: [{ menuItemId: item?.id ?? '', quantity: 1 }],
        },
        token: world.session.token,
        headers: { 'idempotency-key': randomUUID() },
      });
    },
  },
  'orders-create 409': {
    request: 'an Idempotency-Key reused with a different body',
    writes: true,
    send: async (world) => {
      const placed = await world.ownOrder();
      const changed = {
        ...placed.body,
        items: placed.body.items.map((line) => ({ ...line, quantity: line.quantity + 1 })),
      };
      return world.send('POST', orderCreate.path, {
        body: changed,
        token: placed.token,
        headers: { 'idempotency-key': placed.key },
      });
    },
  },

  'orders-read 200': {
    request: 'an order the caller just placed',
    writes: true,
    send: async (world) =>
      world.send('GET', `/orders/${(await world.ownOrder()).order.id}`, {
        token: world.session.token,
      }),
    async then(response, world) {
      const { order } = await world.ownOrder();
      const read = OrderSchema.parse(jsonBody(response));
      if (read.id !== order.id || read.totalMinor !== order.totalMinor) {
        throw broken(
          SENTENCES.orderRead,
          `GET /orders/${order.id} returned order ${read.id} totalling ${read.totalMinor}`,
        );
      }
    },
  },
  'orders-read 401': withoutToken('GET', () => `/orders/${randomUUID()}`),
  'orders-read 404': {
    request: 'an order id that does not exist',
    writes: false,
    send: (world) => world.send('GET', `/orders/${randomUUID()}`, { token: world.session.token }),
  },

  'payment-intents 201': {
    request: 'an intent for an unpaid order of the caller',
    writes: true,
    send: async (world) => postIntent(world, { orderId: (await world.ownOrder()).order.id }),
    async then(response, world) {
      const { order } = await world.ownOrder();
      const intent = jsonBody(response) as { orderId?: string; amountMinor?: number };
      if (intent.orderId !== order.id || intent.amountMinor !== order.totalMinor) {
        throw broken(
          SENTENCES.intentCreate,
          `intent for order ${intent.orderId} asks ${intent.amountMinor} paise; order ${order.id} totals ${order.totalMinor}`,
        );
      }
    },
  },
  'payment-intents 400': {
    request: 'a body without an orderId',
    writes: true,
    send: (world) => postIntent(world, { order: 'missing' }),
  },
  'payment-intents 401': withoutToken('POST', () => paymentIntent.path),
  'payment-intents 404': {
    request: 'an intent for the second identity’s real order',
    writes: true,
    send: async (world) => postIntent(world, { orderId: (await world.theirOrder()).order.id }),
  },
  'payment-intents 409': {
    request: 'an intent for an order a signed webhook has paid',
    writes: true,
    webhook: true,
    send: async (world) => postIntent(world, { orderId: (await world.paidOrder()).order.id }),
  },

  'payment-webhook 200': {
    request: 'a signed payment.captured for an intent of the caller',
    writes: true,
    webhook: true,
    send: async (world) => (await world.paidOrder()).webhook,
    async then(_response, world) {
      const { order } = await world.paidOrder();
      const status = await world.orderStatus(order.id);
      if (status !== 'paid')
        throw broken(SENTENCES.webhookPaid, `order ${order.id} is ${status} after its captured payment`);
    },
  },
  'payment-webhook 401': {
    request: 'a payment.captured signed with the wrong secret',
    writes: true,
    send: (world) => {
      const raw = paymentCapturedEvent(`order_${randomUUID().slice(0, 14)}`, 100, `pay_${randomUUID().slice(0, 14)}`);
      return world.send('POST', paymentWebhook.path, {
        body: raw,
        headers: { 'x-razorpay-signature': signWebhook(raw, `wrong-${randomUUID()}`) },
      });
    },
  },
};
