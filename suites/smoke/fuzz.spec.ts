import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, test as targetFreeTest } from 'vitest';
import { redact } from '../../common/redact.ts';
import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { jsonBody, TargetResponseError } from '../../fixtures/api-client/api-response.ts';
import { MenuSchema, OrderSchema } from '../../fixtures/platform-contract/business.ts';
import { orderBody } from '../../fixtures/demo-parent/parent-session.ts';
import { ENDPOINTS, type Endpoint } from '../../fixtures/platform-contract/endpoints.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { check, recordMeasurement } from '../../reports/vitest/check-meta.ts';
import { test, type Session } from '../fixtures.ts';
import { fuzzSettings } from './fuzz/fuzz-settings.ts';
import { toCurl, toRequest, type FuzzInput } from './fuzz/fuzz-request.ts';
import { judgeResponse } from './fuzz/judge-response.ts';
import { additionUnmet, additionVerdict } from '../assertions/contract-verdict.ts';
import { mutationsOf } from './fuzz/mutations.ts';
import { arbitraryOf } from './fuzz/zod-arbitrary.ts';
import { isoDate } from '../../common/iso-date.ts';

/**
 * The fuzz step: for every operation of the generated OpenAPI document that takes input,
 * requests generated with fast-check from the contract's zod schemas (valid ones, and
 * valid ones with one thing broken), judged like Schemathesis judges them. Bounded in
 * cases and time, seeded, paced under protections.maxRequestRate, never in production.
 */
const TAGS = ['smoke', 'fuzz', 'mutating'];
const settings = fuzzSettings();
/** Decided before any fixture runs, so a production run does not even log in for the fuzz step. */
const { profile } = resolveProfile();
const refusal = profile.protections.production
  ? `${profile.name} is production: the fuzz step never runs there`
  : undefined;
/** Stands for a new Idempotency-Key per request, so generated orders are not replays of each other. */
const FRESH_KEY = 'fresh-key';

/**
 * The operations of the OpenAPI document that take input, read from the table the document
 * is generated from: health endpoints have nothing to vary.
 */
const OPERATIONS: readonly Endpoint[] = ENDPOINTS.filter((endpoint) => Object.keys(endpoint.request).length > 0);

/** A valid input per operation, from what the session knows about the target. */
function validInput(endpoint: Endpoint, session: Session, email: string, known: KnownIds): FuzzInput {
  const { orderId, menuItemId } = known;
  const none = { path: {}, query: {}, headers: {} };
  switch (endpoint.id) {
    case 'login':
      return { ...none, body: { email, password: `not-the-password-${settings.seed}` } };
    case 'menus':
      return {
        ...none,
        path: { schoolId: session.user.schoolId },
        query: { date: isoDate(new Date()) },
        body: undefined,
      };
    case 'orders-read':
      return { ...none, path: { orderId }, body: undefined };
    case 'payment-intents':
      return { ...none, body: { orderId } };
    case 'payment-webhook':
      return {
        ...none,
        headers: { 'x-razorpay-signature': 'f'.repeat(64) },
        body: {
          event: 'payment.captured',
          payload: {
            payment: {
              entity: { id: 'pay_fuzz', order_id: 'order_fuzz', amount: 100, currency: 'INR' },
            },
          },
        },
      };
    default:
      return {
        ...none,
        headers: { 'idempotency-key': FRESH_KEY },
        body: {
          studentId: session.studentId,
          deliveryDate: isoDate(new Date()),
          items: [{ menuItemId, quantity: 1 }],
        },
      };
  }
}

/** Valid inputs, valid inputs with one thing broken, and inputs generated from the request schemas. */
function inputs(endpoint: Endpoint, valid: FuzzInput): fc.Arbitrary<FuzzInput> {
  const { request } = endpoint;
  const generated = fc.record({
    path: request.path ? arbitraryOf(request.path) : fc.constant({}),
    query: request.query ? arbitraryOf(request.query) : fc.constant({}),
    headers: request.headers ? arbitraryOf(request.headers) : fc.constant({}),
    body: request.body ? arbitraryOf(request.body) : fc.constant(undefined),
  }) as fc.Arbitrary<FuzzInput>;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(valid) },
    // The request's parts stay objects; anything inside them, and the body as a whole, may break.
    { weight: 6, arbitrary: mutationsOf(valid, (at) => at.length > 1 || at[0] === 'body') },
    { weight: 2, arbitrary: generated },
  );
}

describe('fuzz: generated requests for every operation that takes input', () => {
  for (const endpoint of OPERATIONS) {
    if (refusal) {
      // The refusal is decided from the profile alone: vitest's own test, without the suite's
      // fixtures, so a target that does not answer cannot turn "never in production" into "blocked".
      targetFreeTest(
        `${endpoint.method} ${endpoint.path}: not fuzzed`,
        check(`smoke.fuzz.${endpoint.id}`, 'security', 'major', TAGS),
        ({ skip }) => skip(refusal),
      );
      continue;
    }
    test(
      `${endpoint.method} ${endpoint.path}: no 5xx, no 2xx for invalid input, only documented answers`,
      check(`smoke.fuzz.${endpoint.id}`, 'security', 'major', TAGS),
      async ({ client, session, environment, task }) => {
        // The client holds every request under protections.maxRequestRate: no pacing here.
        const { auth } = environment.profile;
        const valid = validInput(endpoint, session, auth.email, await knownIds(client, session));
        let sent = 0;
        let failure: { problem: string; curl: string } | undefined;
        let additionFinding: { problem: string; curl: string; reason: string } | undefined;
        const details = await fc.check(
          fc.asyncProperty(inputs(endpoint, valid), async (input) => {
            const headers =
              input.headers['idempotency-key'] === FRESH_KEY
                ? { ...input.headers, 'idempotency-key': randomUUID() }
                : input.headers;
            const { request, sent: sentInput } = toRequest(
              endpoint,
              { ...input, headers },
              endpoint.auth ? session.token : undefined,
            );
            const response = await client.send(request.method, request.target, {
              headers: request.headers,
              body: request.body,
            });
            sent += 1;
            const finding = judgeResponse(endpoint, sentInput, response);
            if (!finding) return true;
            const curl = toCurl(client.baseUrl, request);
            // The project's addition warns and the search goes on for breaks of the published contract.
            if (finding.source.kind === 'addition') {
              additionFinding ??= { problem: finding.problem, curl, reason: finding.source.reason };
              return true;
            }
            failure = { problem: finding.problem, curl };
            return false;
          }),
          {
            seed: settings.seed,
            numRuns: settings.runsPerOperation,
            interruptAfterTimeLimit: Math.floor(settings.budgetMs / OPERATIONS.length),
            markInterruptAsFailure: false,
            // A broken operation costs one request, not a shrinking search through the budget.
            endOnFailure: true,
          },
        );
        recordMeasurement(task, { value: sent, unit: 'requests' });
        if (details.failed && !failure) {
          // The request could not even be sent (or the judge broke): report that, never a silent pass.
          throw new TargetResponseError(
            `${endpoint.method} ${endpoint.path}: the fuzz step stopped: ${String(details.errorInstance)} (seed ${settings.seed})`,
          );
        }
        const reproduce = (problem: string, curl: string): string =>
          redact(
            `${endpoint.method} ${endpoint.path} ${problem}\n` +
              `reproduce: ${curl}\n` +
              `(seed ${settings.seed}: HARNESS_FUZZ_SEED=${settings.seed} npm run test:fuzz sends the same requests)`,
          );
        if (details.failed && failure) throw new TargetResponseError(reproduce(failure.problem, failure.curl));
        if (additionFinding)
          additionVerdict(
            { environment, task },
            additionUnmet(additionFinding.reason, reproduce(additionFinding.problem, additionFinding.curl)),
          );
      },
    );
  }
});

interface KnownIds {
  menuItemId: string;
  orderId: string;
}

/**
 * A real menu item and an order of the session's own, so generated requests reach past
 * validation and the 404 into pricing and payment code; random ids when there are none.
 */
async function knownIds(client: ApiClient, session: Session): Promise<KnownIds> {
  const menu = await client.get(`/schools/${session.user.schoolId}/menus?date=${isoDate(new Date())}`, {
    token: session.token,
  });
  const item =
    menu.status === 200 ? MenuSchema.parse(jsonBody(menu)).items.find((candidate) => candidate.available) : undefined;
  if (!item) return { menuItemId: randomUUID(), orderId: randomUUID() };
  const body = orderBody(session, isoDate(new Date()), item.id);
  const placed = await client.post('/orders', body, {
    token: session.token,
    headers: { 'idempotency-key': randomUUID() },
  });
  return {
    menuItemId: item.id,
    orderId: placed.status === 201 ? OrderSchema.parse(jsonBody(placed)).id : randomUUID(),
  };
}
