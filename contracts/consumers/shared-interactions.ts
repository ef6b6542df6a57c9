import { MatchersV3, type PactV4 } from '@pact-foundation/pact';
import { expect } from 'vitest';
import { STATES } from '../provider-states.ts';
import { EXAMPLE } from './examples.ts';
import {
  hasivuApi,
  type ApiErrorBody,
  type ApiResponse,
  type ClientOptions,
  type LoginBody,
  type MenuBody,
  type OrderBody,
} from './hasivu-api-client.ts';
import { anyErrorCode, bearerToken, errorBody, inr, jsonContentType } from './matchers.ts';

const { boolean, eachLike, fromProviderState, integer, string } = MatchersV3;

/**
 * The interactions both apps have with the platform, written once: the same request and the
 * same promise about the answer. Each app names the interaction in its own words, adds the
 * fields it reads beyond the shared ones, and checks what it does with the answer.
 */

/** What a consumer does with the mock server's answer: the assertions of its own test. */
type UseAnswer<T> = (response: ApiResponse<T>) => void;

/** Matchers an app adds to a response body beyond the fields both apps read. */
type ExtraFields = Record<string, unknown>;

export const signedIn = (url: string): ClientOptions => ({
  baseUrl: url,
  accessToken: EXAMPLE.accessToken,
});

/** The parent's login, answered with the token and the children every app needs. */
export async function parentLogin(
  pact: PactV4,
  description: string,
  extra: { body?: ExtraFields; user?: ExtraFields },
  use: UseAnswer<LoginBody>,
): Promise<void> {
  await pact
    .addInteraction()
    .given(STATES.parentWithStudent)
    .uponReceiving(description)
    .withRequest('POST', '/auth/login', (request) =>
      request.jsonBody({
        email: fromProviderState('${email}', EXAMPLE.email),
        password: fromProviderState('${password}', EXAMPLE.password),
      }),
    )
    .willRespondWith(200, (response) =>
      response.headers({ 'Content-Type': jsonContentType() }).jsonBody({
        accessToken: string(EXAMPLE.accessToken),
        ...extra.body,
        // The apps schedule their re-login from this.
        expiresIn: integer(3600),
        user: {
          id: string(EXAMPLE.userId),
          ...extra.user,
          schoolId: string(EXAMPLE.schoolId),
          students: eachLike({
            id: string(EXAMPLE.studentId),
            name: string(EXAMPLE.studentName),
          }),
        },
      }),
    )
    .executeTest(async (mock) => use(await hasivuApi.login({ baseUrl: mock.url }, EXAMPLE.email, EXAMPLE.password)));
}

/** Tomorrow's menu of the parent's school: each item's name, price and availability. */
export async function tomorrowsMenu(
  pact: PactV4,
  description: string,
  extra: { body?: ExtraFields; item?: ExtraFields },
  use: UseAnswer<MenuBody>,
): Promise<void> {
  await pact
    .addInteraction()
    .given(STATES.parentWithStudent)
    .given(STATES.menuForTomorrow)
    .uponReceiving(description)
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
        ...extra.body,
        date: fromProviderState('${menuDate}', EXAMPLE.menuDate),
        items: eachLike({
          id: string(EXAMPLE.menuItemId),
          name: string('Ragi mudde with sambar'),
          ...extra.item,
          priceMinor: integer(4500),
          currency: inr(),
          available: boolean(true),
        }),
      }),
    )
    .executeTest(async (mock) => use(await hasivuApi.menu(signedIn(mock.url), EXAMPLE.schoolId, EXAMPLE.menuDate)));
}

/** The order ids the provider states make, by the state's name for them. */
const ORDER_IDS = { orderId: EXAMPLE.orderId, paidOrderId: EXAMPLE.paidOrderId } as const;

/** One of the parent's orders read back, in the state that made it; `body` is what the app reads of it. */
export async function orderRead(
  pact: PactV4,
  description: string,
  order: { state: string; id: keyof typeof ORDER_IDS; body: unknown },
  use: UseAnswer<OrderBody>,
): Promise<void> {
  const example = ORDER_IDS[order.id];
  await pact
    .addInteraction()
    .given(order.state)
    .uponReceiving(description)
    .withRequest('GET', fromProviderState(`/orders/\${${order.id}}`, `/orders/${example}`), (request) =>
      request.headers({ Authorization: bearerToken() }),
    )
    .willRespondWith(200, (response) => response.headers({ 'Content-Type': jsonContentType() }).jsonBody(order.body))
    .executeTest(async (mock) => use(await hasivuApi.order(signedIn(mock.url), example)));
}

/** The id the provider state makes for an order, as a matcher with the example the mock answers. */
export const orderId = (id: keyof typeof ORDER_IDS) => fromProviderState(`\${${id}}`, ORDER_IDS[id]);

/** An order the platform does not know: a 404 with the error envelope, whatever its code. */
export async function unknownOrder(pact: PactV4, description: string): Promise<void> {
  await pact
    .addInteraction()
    .given(STATES.parentWithStudent)
    .uponReceiving(description)
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
}

/**
 * An order read without a valid session: a 401 UNAUTHENTICATED, whether the app sent no token
 * or one the platform no longer accepts (`accessToken`, sent as is: not the placeholder, so the
 * provider's request filter leaves it alone).
 */
export async function orderWithoutSession(pact: PactV4, description: string, accessToken?: string): Promise<void> {
  const path = `/orders/${EXAMPLE.orderId}`;
  const interaction = pact.addInteraction().uponReceiving(description);
  const withRequest = accessToken
    ? interaction.withRequest('GET', path, (request) => request.headers({ Authorization: `Bearer ${accessToken}` }))
    : interaction.withRequest('GET', path);
  await withRequest
    .willRespondWith(401, (response) =>
      response.headers({ 'Content-Type': jsonContentType() }).jsonBody(errorBody('UNAUTHENTICATED')),
    )
    .executeTest(async (mock) => {
      const res = await hasivuApi.order<ApiErrorBody>({ baseUrl: mock.url, accessToken }, EXAMPLE.orderId);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });
}
