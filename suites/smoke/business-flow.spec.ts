import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { TargetResponseError, type ApiResponse } from '../../fixtures/api-client/api-response.ts';
import {
  LoginResponseSchema,
  MenuSchema,
  OrderSchema,
  PaymentIntentSchema,
  type Menu,
  type Order,
  type PaymentIntent,
} from '../../fixtures/platform-contract/business.ts';
import { orderBody } from '../../fixtures/demo-parent/parent-session.ts';
import { paymentCapturedEvent, signWebhook } from '../../fixtures/platform-contract/webhook.ts';
import { check, recordMeasurement } from '../../reports/vitest/check-meta.ts';
import { expectStatus, expectWithinSla, parseContract } from '../assertions/contract-assertions.ts';
import { webhookRefusal, writeRefusal } from '../assertions/write-access.ts';
import { LOGIN_CHECK_ID, test, type Session } from '../fixtures.ts';

/**
 * The parent's story, in order: each step needs the previous one, so a step whose
 * prerequisite failed is skipped with the reason rather than failing twice.
 */
interface FlowState {
  menu?: Menu;
  order?: Order;
  orderRequest?: { key: string; body: unknown };
  intent?: PaymentIntent;
  webhookAccepted?: boolean;
}

const TAGS = ['smoke', 'business', 'critical'];
/** Steps that write (orders, intents, payments) or read what a write made: not on read-only production. */
const WRITES = [...TAGS, 'mutating'];

/**
 * The business fixtures plus what a writing step needs: the session, once the target allows
 * writes for it (the step is skipped with the reason otherwise), and the webhook's signing
 * secret, once a signed webhook may be sent (skipped otherwise).
 */
const flowTest = test
  .extend('writingSession', ({ environment, session, skip }): Session => {
    const refusal = writeRefusal(environment, session.user.schoolId);
    if (refusal) skip(refusal);
    return session;
  })
  .extend('webhookSecret', ({ environment, skip }): string => {
    const refusal = webhookRefusal(environment);
    const secret = environment.secrets.webhookSecret;
    if (refusal || !secret) skip(refusal ?? 'HARNESS_WEBHOOK_SECRET is not set');
    return secret ?? '';
  });

describe('business flow: a parent orders and pays for a school meal', () => {
  const state: FlowState = {};

  /** Every business call is held to the SLA and its time shown in the scorecard. */
  function timed(task: Parameters<typeof recordMeasurement>[0], response: ApiResponse, limitMs: number): void {
    recordMeasurement(task, { value: response.durationMs, unit: 'ms', target: `<${limitMs}` });
    expectWithinSla(response, limitMs);
  }

  test(
    'log in as the smoke-test parent',
    check(LOGIN_CHECK_ID, 'smoke', 'critical', TAGS),
    async ({ client, environment, task }) => {
      const { auth, sla } = environment.profile;
      const response = await client.post(auth.loginPath, {
        email: auth.email,
        password: environment.secrets.userPassword ?? '',
      });
      expectStatus(response, 200, 'valid credentials must log in');
      const login = parseContract(LoginResponseSchema, response);
      if (login.user.students.length === 0) throw new TargetResponseError(`${auth.email} has no students to order for`);
      timed(task, response, sla.businessP95Ms);
    },
  );

  test(
    "read today's menu",
    check('smoke.business.menu', 'smoke', 'critical', TAGS),
    async ({ client, session, environment, task }) => {
      const today = new Date().toISOString().slice(0, 10);
      const response = await client.get(`/schools/${session.user.schoolId}/menus?date=${today}`, {
        token: session.token,
      });
      expectStatus(response, 200, "the parent's school has a menu every day");
      const menu = parseContract(MenuSchema, response);
      if (menu.date !== today) throw new TargetResponseError(`menu for ${today} came back dated ${menu.date}`);
      if (!menu.items.some((item) => item.available))
        throw new TargetResponseError(`menu for ${today} has no available item`);
      state.menu = menu;
      timed(task, response, environment.profile.sla.businessP95Ms);
    },
  );

  flowTest(
    'create an order with an Idempotency-Key',
    check('smoke.business.order.create', 'smoke', 'critical', WRITES),
    async ({ client, writingSession, environment, task, skip }) => {
      const item = state.menu?.items.find((candidate) => candidate.available);
      if (!state.menu || !item) return skip('needs the menu from "read today\'s menu", which failed');
      const body = orderBody(writingSession, state.menu.date, item.id, 2);
      const key = randomUUID();
      const response = await client.post('/orders', body, {
        token: writingSession.token,
        headers: { 'idempotency-key': key },
      });
      expectStatus(response, 201, 'a valid order is created');
      const order = parseContract(OrderSchema, response);
      if (order.status !== 'pending_payment')
        throw new TargetResponseError(`a new order is "${order.status}", expected "pending_payment"`);
      const expectedTotal = item.priceMinor * 2;
      if (order.totalMinor !== expectedTotal) {
        throw new TargetResponseError(
          `order total is ${order.totalMinor} paise; 2 × ${item.name} at ${item.priceMinor} is ${expectedTotal}`,
        );
      }
      state.order = order;
      state.orderRequest = { key, body };
      timed(task, response, environment.profile.sla.businessP95Ms);
    },
  );

  flowTest(
    'replaying the same order request returns the same order',
    check('smoke.business.order.idempotent-replay', 'smoke', 'critical', WRITES),
    async ({ client, writingSession, environment, task, skip }) => {
      if (!state.order || !state.orderRequest) return skip('needs the order from "create an order", which failed');
      const { key, body } = state.orderRequest;
      const response = await client.post('/orders', body, {
        token: writingSession.token,
        headers: { 'idempotency-key': key },
      });
      if (response.status !== 200 && response.status !== 201) {
        throw new TargetResponseError(
          `replaying Idempotency-Key ${key} answered ${response.status}; it must return the first order`,
        );
      }
      const replay = parseContract(OrderSchema, response);
      if (replay.id !== state.order.id) {
        throw new TargetResponseError(
          `replaying Idempotency-Key ${key} created a second order ${replay.id} (first was ${state.order.id})`,
        );
      }
      timed(task, response, environment.profile.sla.businessP95Ms);
    },
  );

  flowTest(
    'read the order back',
    check('smoke.business.order.read', 'smoke', 'critical', WRITES),
    async ({ client, writingSession, environment, task, skip }) => {
      if (!state.order) return skip('needs the order from "create an order", which failed');
      const response = await client.get(`/orders/${state.order.id}`, { token: writingSession.token });
      expectStatus(response, 200, `order ${state.order.id} was just created and acknowledged`);
      const order = parseContract(OrderSchema, response);
      if (order.id !== state.order.id || order.totalMinor !== state.order.totalMinor) {
        throw new TargetResponseError(
          `GET /orders/${state.order.id} returned order ${order.id} with total ${order.totalMinor}`,
        );
      }
      timed(task, response, environment.profile.sla.businessP95Ms);
    },
  );

  flowTest(
    'create a payment intent for the order total',
    check('smoke.business.payment.intent', 'smoke', 'critical', WRITES),
    async ({ client, writingSession, environment, task, skip }) => {
      if (!state.order) return skip('needs the order from "create an order", which failed');
      const response = await client.post(
        '/payments/intents',
        { orderId: state.order.id },
        { token: writingSession.token },
      );
      expectStatus(response, 201, 'an unpaid order gets a payment intent');
      const intent = parseContract(PaymentIntentSchema, response);
      if (intent.amountMinor !== state.order.totalMinor) {
        throw new TargetResponseError(
          `payment intent asks for ${intent.amountMinor} paise but order ${state.order.id} totals ${state.order.totalMinor}`,
        );
      }
      state.intent = intent;
      timed(task, response, environment.profile.sla.businessP95Ms);
    },
  );

  flowTest(
    'a signed payment.captured webhook is accepted',
    check('smoke.business.payment.webhook', 'smoke', 'critical', WRITES),
    async ({ client, environment, webhookSecret, task, skip }) => {
      if (!state.intent) return skip('needs the payment intent, which failed');
      const raw = paymentCapturedEvent(
        state.intent.providerOrderId,
        state.intent.amountMinor,
        `pay_${randomUUID().slice(0, 14)}`,
      );
      const response = await client.post('/payments/webhook', raw, {
        headers: { 'x-razorpay-signature': signWebhook(raw, webhookSecret) },
      });
      expectStatus(response, 200, 'a correctly signed webhook is accepted');
      state.webhookAccepted = true;
      timed(task, response, environment.profile.sla.businessP95Ms);
    },
  );

  flowTest(
    'the order is paid',
    check('smoke.business.order.paid', 'smoke', 'critical', WRITES),
    async ({ client, writingSession, environment, task, skip }) => {
      if (!state.webhookAccepted || !state.order)
        return skip('needs the accepted webhook, which did not run or failed');
      const response = await client.get(`/orders/${state.order.id}`, { token: writingSession.token });
      expectStatus(response, 200, 'the paid order still exists');
      const order = parseContract(OrderSchema, response);
      if (order.status !== 'paid') {
        throw new TargetResponseError(
          `order ${order.id} is "${order.status}" after its payment was captured; expected "paid"`,
        );
      }
      timed(task, response, environment.profile.sla.businessP95Ms);
    },
  );
});
