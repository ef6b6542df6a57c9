import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { paymentCapturedEvent, signWebhook } from '../../fixtures/platform-contract/webhook.ts';
import { check } from '../../reports/vitest/check-meta.ts';
import { expectError, expectRequestId } from '../assertions/contract-assertions.ts';
import { additionUnmet, judgedBySource } from '../assertions/contract-verdict.ts';
import { ADDITIONS } from '../../fixtures/platform-contract/endpoints.ts';
import { writeRefusal } from '../assertions/write-access.ts';
import { test } from '../fixtures.ts';

const TAGS = ['smoke', 'security', 'critical'];
const WRITES = [...TAGS, 'mutating'];

describe('security: requests without valid credentials are refused', () => {
  const protectedCalls = [
    { id: 'menus', method: 'GET', path: (school: string) => `/schools/${school}/menus?date=2026-01-05` },
    { id: 'orders-create', method: 'POST', path: () => '/orders' },
    { id: 'orders-read', method: 'GET', path: () => `/orders/${randomUUID()}` },
    { id: 'payment-intents', method: 'POST', path: () => '/payments/intents' },
  ] as const;

  for (const call of protectedCalls) {
    test(
      `${call.method} ${call.path(':schoolId')} without a token is 401`,
      check(
        `smoke.security.unauthenticated.${call.id}`,
        'security',
        'critical',
        call.method === 'POST' ? WRITES : TAGS,
      ),
      async ({ client, session, environment, skip }) => {
        // A refused POST changes nothing on an honest target; production still gets none.
        const refusal = call.method === 'POST' ? writeRefusal(environment) : undefined;
        if (refusal) return skip(refusal);
        const response = await client.send(call.method, call.path(session.user.schoolId), {
          body: call.method === 'POST' ? {} : undefined,
        });
        expectError(response, 401, 'UNAUTHENTICATED', 'business endpoints need a bearer token');
      },
    );
  }

  test(
    'a forged bearer token is 401',
    check('smoke.security.forged-token', 'security', 'critical', TAGS),
    async ({ client, session, environment, task }) => {
      const forged = `${session.token.split('.').slice(0, 2).join('.')}.${Buffer.from('forged').toString('base64url')}`;
      const response = await client.get(`/schools/${session.user.schoolId}/menus?date=2026-01-05`, { token: forged });
      // A forged token is no token, so 401 is published; PLATFORM-API.md names the code only for a request without one.
      expectError(response, 401, undefined, 'a token with a bad signature is no token');
      await judgedBySource({ environment, task }, () => {
        const code = (JSON.parse(response.text) as { error: { code: string } }).error.code;
        if (code !== 'UNAUTHENTICATED')
          throw additionUnmet(
            ADDITIONS.forgedTokenCode,
            `${response.method} ${response.path} answered error code ${code}, expected UNAUTHENTICATED`,
          );
      });
    },
  );

  test(
    'wrong credentials are 401 INVALID_CREDENTIALS',
    check('smoke.security.bad-credentials', 'security', 'major', TAGS),
    async ({ client, environment }) => {
      const response = await client.post(environment.profile.auth.loginPath, {
        email: environment.profile.auth.email,
        password: `not-the-password-${randomUUID()}`,
      });
      expectError(response, 401, 'INVALID_CREDENTIALS', 'a wrong password must not log in');
    },
  );

  test(
    'a webhook with a bad signature is refused',
    check('smoke.security.webhook.bad-signature', 'security', 'critical', WRITES),
    async ({ client, environment, skip }) => {
      const refusal = writeRefusal(environment);
      if (refusal) return skip(refusal);
      const raw = paymentCapturedEvent(`order_${randomUUID().slice(0, 14)}`, 100, `pay_${randomUUID().slice(0, 14)}`);
      const response = await client.post('/payments/webhook', raw, {
        headers: { 'x-razorpay-signature': signWebhook(raw, `wrong-secret-${randomUUID()}`) },
      });
      expectError(response, 401, undefined, 'only Razorpay, holding the webhook secret, may mark orders paid');
    },
  );

  test(
    'a webhook without a signature is refused',
    check('smoke.security.webhook.unsigned', 'security', 'critical', WRITES),
    async ({ client, environment, skip }) => {
      const refusal = writeRefusal(environment);
      if (refusal) return skip(refusal);
      const raw = paymentCapturedEvent(`order_${randomUUID().slice(0, 14)}`, 100, `pay_${randomUUID().slice(0, 14)}`);
      const response = await client.post('/payments/webhook', raw);
      expectError(response, 401, undefined, 'an unsigned webhook could mark any order paid');
    },
  );

  test(
    'responses carry x-request-id',
    check('smoke.security.request-id', 'security', 'minor', ['smoke', 'security']),
    async ({ client, session }) => {
      const responses = await Promise.all([
        client.get('/health/live'),
        client.get(`/orders/${randomUUID()}`),
        client.get(`/schools/${session.user.schoolId}/menus?date=2026-01-05`, { token: session.token }),
        client.get(`/no-such-route-${randomUUID()}`),
      ]);
      responses.forEach(expectRequestId);
    },
  );
});
