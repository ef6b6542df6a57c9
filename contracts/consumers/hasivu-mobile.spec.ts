import '../pact-telemetry.ts';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_NAME } from '../contract-names.ts';
import { STATES } from '../provider-states.ts';
import { hasivuApi } from './hasivu-api-client.ts';
import { inr, isoDate } from './matchers.ts';
import { pactOutputDir, startFreshPact } from './pact-output.ts';
import {
  orderId,
  orderRead,
  orderWithoutSession,
  parentLogin,
  tomorrowsMenu,
  unknownOrder,
} from './shared-interactions.ts';

const { integer, regex } = MatchersV3;

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

/** A history row: status badge, delivery day and amount. */
const historyRow = (status: string, id: 'orderId' | 'paidOrderId') => ({
  id: orderId(id),
  status,
  deliveryDate: isoDate(),
  totalMinor: integer(4500),
  currency: inr(),
});

const signIn = () =>
  parentLogin(pact, 'a login from the mobile app', {}, (res) => {
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBeGreaterThan(0);
  });

const compactMenu = () =>
  tomorrowsMenu(pact, "a request for tomorrow's menu", {}, (res) => {
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });

const refreshAwaitingPayment = () =>
  orderRead(
    pact,
    'a history refresh of an order awaiting payment',
    {
      state: STATES.orderAwaitingPayment,
      id: 'orderId',
      body: historyRow('pending_payment', 'orderId'),
    },
    (res) => expect(res.body.status).toBe('pending_payment'),
  );

const refreshPaid = () =>
  orderRead(
    pact,
    'a history refresh of a paid order',
    { state: STATES.paidOrder, id: 'paidOrderId', body: historyRow('paid', 'paidOrderId') },
    (res) => expect(res.body.status).toBe('paid'),
  );

const dropUnknownOrder = () => unknownOrder(pact, 'a history refresh of an order that does not exist');

const expiredSession = () => orderWithoutSession(pact, 'a request with an expired session', 'expired-session-token');

async function livenessProbe(): Promise<void> {
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
}

beforeAll(() => startFreshPact(CONSUMER));

describe('hasivu-mobile → hasivu-platform', { tags: ['contract'] }, () => {
  it('signs a parent in and keeps the token and the children', signIn);
  it("shows tomorrow's menu as a compact list", compactMenu);
  it('refreshes an order awaiting payment in the history', refreshAwaitingPayment);
  it('refreshes a paid order in the history', refreshPaid);
  it('drops an order from the history when the platform no longer knows it', dropUnknownOrder);
  it('asks the parent to sign in again when the session has expired', expiredSession);
  it('hides the offline banner while the API is alive', livenessProbe);
});
