import '../pact-telemetry.ts';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_NAME } from '../contract-names.ts';
import { STATES } from '../provider-states.ts';
import { EXAMPLE } from './examples.ts';
import { hasivuApi, type ApiErrorBody, type ClientOptions } from './hasivu-api-client.ts';
import { anyErrorCode, bearerToken, errorBody, inr, isoDate, jsonContentType } from './matchers.ts';
import { pactOutputDir, startFreshPact } from './pact-output.ts';

const { boolean, eachLike, fromProviderState, integer, regex, string } = MatchersV3;

/**
 * The mobile app: sign in, browse the menu, keep an order history, and show an
 * offline banner when the API does not answer. It shows less than the web app
 * (no allergens, no line items), so its pact pins fewer fields.
 *
 * PLATFORM-API.md has no "list my orders" endpoint: the app keeps the ids of the
 * orders it placed and refreshes each one with GET /orders/{id}. Those refreshes are
 * its order history.
 */
const CONSUMER = 'hasivu-mobile';
const pact = new PactV4({
  consumer: CONSUMER,
  provider: PROVIDER_NAME,
  dir: pactOutputDir(),
  logLevel: 'warn',
});

const signedIn = (url: string): ClientOptions => ({
  baseUrl: url,
  accessToken: EXAMPLE.accessToken,
});

/** A history row: status badge, delivery day and amount. */
const historyRow = (status: string, idExpression: string, example: string) => ({
  id: fromProviderState(`\${${idExpression}}`, example),
  status,
  deliveryDate: isoDate(),
  totalMinor: integer(4500),
  currency: inr(),
});

beforeAll(() => startFreshPact(CONSUMER));

describe('hasivu-mobile → hasivu-platform', { tags: ['contract'] }, () => {
  it('signs a parent in and keeps the token and the children', async () => {
    await pact
      .addInteraction()
      .given(STATES.parentWithStudent)
      .uponReceiving('a login from the mobile app')
      .withRequest('POST', '/auth/login', (request) =>
        request.jsonBody({
          email: fromProviderState('${email}', EXAMPLE.email),
          password: fromProviderState('${password}', EXAMPLE.password),
        }),
      )
      .willRespondWith(200, (response) =>
        response.headers({ 'Content-Type': jsonContentType() }).jsonBody({
          accessToken: string(EXAMPLE.accessToken),
          // The app schedules its re-login from this.
          expiresIn: integer(3600),
          user: {
            id: string(EXAMPLE.userId),
            schoolId: string(EXAMPLE.schoolId),
            students: eachLike({
              id: string(EXAMPLE.studentId),
              name: string(EXAMPLE.studentName),
            }),
          },
        }),
      )
      .executeTest(async (mock) => {
        const res = await hasivuApi.login({ baseUrl: mock.url }, EXAMPLE.email, EXAMPLE.password);
        expect(res.status).toBe(200);
        expect(res.body.expiresIn).toBeGreaterThan(0);
      });
  });

  it("shows tomorrow's menu as a compact list", async () => {
    await pact
      .addInteraction()
      .given(STATES.parentWithStudent)
      .given(STATES.menuForTomorrow)
      .uponReceiving("a request for tomorrow's menu")
      .withRequest(
        'GET',
        fromProviderState('/schools/${schoolId}/menus', `/schools/${EXAMPLE.schoolId}/menus`),
        (request) =>
          request
            .query({ date: fromProviderState('${menuDate}', EXAMPLE.menuDate) })
            .headers({ Authorization: bearerToken() }),
      )
      .willRespondWith(200, (response) =>
        response.headers({ 'Content-Type': jsonContentType() }).jsonBody({
          date: fromProviderState('${menuDate}', EXAMPLE.menuDate),
          items: eachLike({
            id: string(EXAMPLE.menuItemId),
            name: string('Ragi mudde with sambar'),
            priceMinor: integer(4500),
            currency: inr(),
            available: boolean(true),
          }),
        }),
      )
      .executeTest(async (mock) => {
        const res = await hasivuApi.menu(signedIn(mock.url), EXAMPLE.schoolId, EXAMPLE.menuDate);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeGreaterThan(0);
      });
  });

  it('refreshes an order awaiting payment in the history', async () => {
    await pact
      .addInteraction()
      .given(STATES.orderAwaitingPayment)
      .uponReceiving('a history refresh of an order awaiting payment')
      .withRequest(
        'GET',
        fromProviderState('/orders/${orderId}', `/orders/${EXAMPLE.orderId}`),
        (request) => request.headers({ Authorization: bearerToken() }),
      )
      .willRespondWith(200, (response) =>
        response
          .headers({ 'Content-Type': jsonContentType() })
          .jsonBody(historyRow('pending_payment', 'orderId', EXAMPLE.orderId)),
      )
      .executeTest(async (mock) => {
        const res = await hasivuApi.order(signedIn(mock.url), EXAMPLE.orderId);
        expect(res.body.status).toBe('pending_payment');
      });
  });

  it('refreshes a paid order in the history', async () => {
    await pact
      .addInteraction()
      .given(STATES.paidOrder)
      .uponReceiving('a history refresh of a paid order')
      .withRequest(
        'GET',
        fromProviderState('/orders/${paidOrderId}', `/orders/${EXAMPLE.paidOrderId}`),
        (request) => request.headers({ Authorization: bearerToken() }),
      )
      .willRespondWith(200, (response) =>
        response
          .headers({ 'Content-Type': jsonContentType() })
          .jsonBody(historyRow('paid', 'paidOrderId', EXAMPLE.paidOrderId)),
      )
      .executeTest(async (mock) => {
        const res = await hasivuApi.order(signedIn(mock.url), EXAMPLE.paidOrderId);
        expect(res.body.status).toBe('paid');
      });
  });

  it('drops an order from the history when the platform no longer knows it', async () => {
    await pact
      .addInteraction()
      .given(STATES.parentWithStudent)
      .uponReceiving('a history refresh of an order that does not exist')
      .withRequest('GET', `/orders/${EXAMPLE.unknownOrderId}`, (request) =>
        request.headers({ Authorization: bearerToken() }),
      )
      .willRespondWith(404, (response) =>
        response.headers({ 'Content-Type': jsonContentType() }).jsonBody(errorBody(anyErrorCode())),
      )
      .executeTest(async (mock) => {
        const res = await hasivuApi.order<ApiErrorBody>(signedIn(mock.url), EXAMPLE.unknownOrderId);
        expect(res.status).toBe(404);
      });
  });

  it('asks the parent to sign in again when the session has expired', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request with an expired session')
      // Not the placeholder: the provider's request filter must leave this token alone.
      .withRequest('GET', `/orders/${EXAMPLE.orderId}`, (request) =>
        request.headers({ Authorization: 'Bearer expired-session-token' }),
      )
      .willRespondWith(401, (response) =>
        response
          .headers({ 'Content-Type': jsonContentType() })
          .jsonBody(errorBody('UNAUTHENTICATED')),
      )
      .executeTest(async (mock) => {
        const res = await hasivuApi.order<ApiErrorBody>(
          { baseUrl: mock.url, accessToken: 'expired-session-token' },
          EXAMPLE.orderId,
        );
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHENTICATED');
      });
  });

  it('hides the offline banner while the API is alive', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a liveness probe for the offline banner')
      .withRequest('GET', '/health/live')
      .willRespondWith(200, (response) =>
        response
          .headers({
            'Content-Type': regex(/^application\/health\+json(;.*)?$/, 'application/health+json'),
          })
          .jsonBody({ status: regex(/^(pass|warn)$/, 'pass') }),
      )
      .executeTest(async (mock) => {
        const res = await hasivuApi.liveness({ baseUrl: mock.url });
        expect(res.status).toBe(200);
        expect(['pass', 'warn']).toContain(res.body.status);
      });
  });
});
