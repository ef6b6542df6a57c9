import '../pact-telemetry.ts';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_NAME } from '../contract-names.ts';
import { STATES } from '../provider-states.ts';
import { EXAMPLE } from './examples.ts';
import { hasivuApi, type ApiErrorBody } from './hasivu-api-client.ts';
import {
  anyErrorCode,
  bearerToken,
  errorBody,
  idempotencyKey,
  inr,
  isoDate,
  isoDateTime,
  jsonContentType,
} from './matchers.ts';
import { pactOutputDir, startFreshPact } from './pact-output.ts';
import {
  orderId,
  orderRead,
  orderWithoutSession,
  parentLogin,
  signedIn,
  tomorrowsMenu,
  unknownOrder,
} from './shared-interactions.ts';

const { eachLike, fromProviderState, integer, regex, string } = MatchersV3;

/**
 * The parent web app: sign in, browse the menu, order, pay, follow the order.
 * Each interaction asserts only the fields the web app reads; anything else the
 * platform returns may change freely.
 */
const CONSUMER = 'hasivu-web';
const pact = new PactV4({
  consumer: CONSUMER,
  provider: PROVIDER_NAME,
  dir: pactOutputDir(),
  logLevel: 'warn',
});

/** The web app renders every field of an order on its status page. */
const order = (status: string, id: 'orderId' | 'paidOrderId') => ({
  id: orderId(id),
  status,
  studentId: string(EXAMPLE.studentId),
  deliveryDate: isoDate(),
  items: eachLike({ menuItemId: string(EXAMPLE.menuItemId), quantity: integer(1) }),
  totalMinor: integer(4500),
  currency: inr(),
  createdAt: isoDateTime(),
});

const signIn = () =>
  parentLogin(
    pact,
    "a login with the parent's credentials",
    { body: { tokenType: 'Bearer' }, user: { role: regex(/^(parent|school_admin)$/, 'parent') } },
    (res) => {
      expect(res.status).toBe(200);
      expect(res.body.tokenType).toBe('Bearer');
      expect(res.body.user.students[0]?.id).toBe(EXAMPLE.studentId);
    },
  );

async function wrongPassword(): Promise<void> {
  await pact
    .addInteraction()
    .given(STATES.parentWithStudent)
    .uponReceiving('a login with a wrong password')
    .withRequest('POST', '/auth/login', (request) =>
      request.jsonBody({
        email: fromProviderState('${email}', EXAMPLE.email),
        password: 'definitely-not-the-password',
      }),
    )
    .willRespondWith(401, (response) =>
      response.headers({ 'Content-Type': jsonContentType() }).jsonBody(errorBody('INVALID_CREDENTIALS')),
    )
    .executeTest(async (mock) => {
      const res = await hasivuApi.login<ApiErrorBody>(
        { baseUrl: mock.url },
        EXAMPLE.email,
        'definitely-not-the-password',
      );
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    });
}

const menuWithAllergens = () =>
  tomorrowsMenu(
    pact,
    "a request for tomorrow's menu",
    {
      body: { schoolId: fromProviderState('${schoolId}', EXAMPLE.schoolId) },
      item: { category: string('lunch'), allergens: eachLike(string('gluten'), 0) },
    },
    (res) => {
      expect(res.status).toBe(200);
      expect(res.body.items[0]?.priceMinor).toBeTypeOf('number');
    },
  );

async function placeOrder(): Promise<void> {
  await pact
    .addInteraction()
    .given(STATES.parentWithStudent)
    .given(STATES.menuForTomorrow)
    .uponReceiving('an order for one available menu item')
    .withRequest('POST', '/orders', (request) =>
      request.headers({ Authorization: bearerToken(), 'Idempotency-Key': idempotencyKey() }).jsonBody({
        studentId: fromProviderState('${studentId}', EXAMPLE.studentId),
        deliveryDate: fromProviderState('${menuDate}', EXAMPLE.menuDate),
        items: [{ menuItemId: fromProviderState('${menuItemId}', EXAMPLE.menuItemId), quantity: 1 }],
      }),
    )
    .willRespondWith(201, (response) =>
      response.headers({ 'Content-Type': jsonContentType() }).jsonBody({
        id: string(EXAMPLE.orderId),
        status: 'pending_payment',
        studentId: fromProviderState('${studentId}', EXAMPLE.studentId),
        deliveryDate: fromProviderState('${menuDate}', EXAMPLE.menuDate),
        items: eachLike({ menuItemId: string(EXAMPLE.menuItemId), quantity: integer(1) }),
        totalMinor: integer(4500),
        currency: inr(),
        createdAt: isoDateTime(),
      }),
    )
    .executeTest(async (mock) => {
      const res = await hasivuApi.placeOrder(
        signedIn(mock.url),
        {
          studentId: EXAMPLE.studentId,
          deliveryDate: EXAMPLE.menuDate,
          items: [{ menuItemId: EXAMPLE.menuItemId, quantity: 1 }],
        },
        '7d0e5a9c-2f41-4c1b-9e62-5b8a3d7f1c20',
      );
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('pending_payment');
    });
}

async function incompleteOrder(): Promise<void> {
  await pact
    .addInteraction()
    .given(STATES.parentWithStudent)
    .uponReceiving('an order without any items')
    .withRequest('POST', '/orders', (request) =>
      request.headers({ Authorization: bearerToken(), 'Idempotency-Key': idempotencyKey() }).jsonBody({
        studentId: fromProviderState('${studentId}', EXAMPLE.studentId),
        deliveryDate: EXAMPLE.menuDate,
        items: [],
      }),
    )
    .willRespondWith(400, (response) =>
      response.headers({ 'Content-Type': jsonContentType() }).jsonBody({
        error: {
          ...errorBody('VALIDATION_FAILED').error,
          // The form puts each message under its field; only `items` is wrong here.
          details: { items: eachLike(string('must contain at least 1 item')) },
        },
      }),
    )
    .executeTest(async (mock) => {
      const res = await hasivuApi.placeOrder<ApiErrorBody>(
        signedIn(mock.url),
        { studentId: EXAMPLE.studentId, deliveryDate: EXAMPLE.menuDate, items: [] },
        '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toHaveProperty('items');
    });
}

const orderAwaitingPayment = () =>
  orderRead(
    pact,
    'a request for an order awaiting payment',
    {
      state: STATES.orderAwaitingPayment,
      id: 'orderId',
      body: order('pending_payment', 'orderId'),
    },
    (res) => {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('pending_payment');
    },
  );

async function startCheckout(): Promise<void> {
  await pact
    .addInteraction()
    .given(STATES.orderAwaitingPayment)
    .uponReceiving('a payment intent for an order awaiting payment')
    .withRequest('POST', '/payments/intents', (request) =>
      request
        .headers({ Authorization: bearerToken() })
        .jsonBody({ orderId: fromProviderState('${orderId}', EXAMPLE.orderId) }),
    )
    .willRespondWith(201, (response) =>
      response.headers({ 'Content-Type': jsonContentType() }).jsonBody({
        id: string('pi_7a1b2c3d'),
        orderId: fromProviderState('${orderId}', EXAMPLE.orderId),
        provider: 'razorpay',
        providerOrderId: string('order_N5xYz1234567'),
        amountMinor: integer(4500),
        currency: inr(),
        status: 'created',
      }),
    )
    .executeTest(async (mock) => {
      const res = await hasivuApi.createPaymentIntent(signedIn(mock.url), EXAMPLE.orderId);
      expect(res.status).toBe(201);
      expect(res.body.provider).toBe('razorpay');
    });
}

async function alreadyPaid(): Promise<void> {
  await pact
    .addInteraction()
    .given(STATES.paidOrder)
    .uponReceiving('a payment intent for an order that is already paid')
    .withRequest('POST', '/payments/intents', (request) =>
      request
        .headers({ Authorization: bearerToken() })
        .jsonBody({ orderId: fromProviderState('${paidOrderId}', EXAMPLE.paidOrderId) }),
    )
    .willRespondWith(409, (response) =>
      response.headers({ 'Content-Type': jsonContentType() }).jsonBody(errorBody(anyErrorCode())),
    )
    .executeTest(async (mock) => {
      const res = await hasivuApi.createPaymentIntent<ApiErrorBody>(signedIn(mock.url), EXAMPLE.paidOrderId);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toMatch(/^[A-Z_]+$/);
    });
}

const paidOrder = () =>
  orderRead(
    pact,
    'a request for a paid order',
    { state: STATES.paidOrder, id: 'paidOrderId', body: order('paid', 'paidOrderId') },
    (res) => {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('paid');
    },
  );

const orderNotFound = () => unknownOrder(pact, 'a request for an order that does not exist');

const visitorWithoutSession = () => orderWithoutSession(pact, 'a request for an order without a session');

beforeAll(() => startFreshPact(CONSUMER));

describe('hasivu-web → hasivu-platform', { tags: ['contract'] }, () => {
  it('signs a parent in and learns their school and children', signIn);
  it('shows "wrong email or password" on bad credentials', wrongPassword);
  it("lists tomorrow's menu with prices and allergens", menuWithAllergens);
  it('places an order for the child and awaits payment', placeOrder);
  it('shows field errors when the order form is incomplete', incompleteOrder);
  it('shows an order that awaits payment', orderAwaitingPayment);
  it('starts a Razorpay checkout for an order awaiting payment', startCheckout);
  it('tells the parent an order is already paid instead of charging twice', alreadyPaid);
  it('shows a paid order as paid', paidOrder);
  it('shows "order not found" for an order that does not exist', orderNotFound);
  it('sends a visitor without a session to the login page', visitorWithoutSession);
});
