import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { jsonBody, type ApiResponse } from '../../fixtures/api-client/api-response.ts';
import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import { OrderSchema } from '../../fixtures/platform-contract/business.ts';
import {
  ADDITIONS,
  ENDPOINTS,
  responseKey,
  SENTENCES,
  type DocumentedResponse,
  type Endpoint,
} from '../../fixtures/platform-contract/endpoints.ts';
import type { Category, Severity } from '../../reports/run-result.ts';
import { check, recordMeasurement, recordWarning } from '../../reports/vitest/check-meta.ts';
import { additionVerdict, judgedBySource, ProjectAdditionUnmet } from '../assertions/contract-verdict.ts';
import { webhookRefusal, writeRefusal } from '../assertions/write-access.ts';
import { test, type Session } from '../fixtures.ts';
import { assertDocumented, assertFailing, broken, expectErrorEnvelope } from './conformance/assert-documented.ts';
import { ConformanceWorld } from './conformance/conformance-world.ts';
import { NoSecondIdentity, Unmet } from './conformance/unmet.ts';
import { CROSS_USER_PROBES, ownedBy } from './conformance/cross-user.ts';
import { FORGED_TOKENS, forgeToken } from './conformance/forged-tokens.ts';
import { PROVOKERS } from './conformance/provokers.ts';
import { NO_OUTAGE_HERE, OUTAGE_PROVOKERS, serviceControlFromEnv } from './conformance/dependency-outage.ts';
import { sweepErrorEnvelopes, sweepMoney, sweepRequestIds, sweepTimes } from './conformance/response-sweeps.ts';

/**
 * The checks that send requests run concurrently (what they share, such as the order or
 * the paid order, is made once and awaited by all); the checks over every response and
 * the coverage figures run after them, in order.
 *
 * The contract, sentence by sentence: one check per documented response of every
 * endpoint (fixtures/platform-contract/endpoints.ts), then the promises that hold across
 * responses, then the coverage figure per endpoint. Checks that change data carry the
 * `mutating` tag and skip on a read-only production profile.
 */
interface Fixtures {
  client: ApiClient;
  /** Absent for the checks that need no account, so a failed login does not block them. */
  session?: Session;
  environment: ResolvedEnvironment;
  skip: (note?: string) => void;
  task: Parameters<typeof recordMeasurement>[0];
}

let shared: ConformanceWorld | undefined;
const worldOf = ({ client, session, environment }: Fixtures): ConformanceWorld => {
  shared ??= new ConformanceWorld(client, environment);
  return session ? shared.signedIn(session) : shared;
};

/**
 * The world of a check that changes data, or undefined once the check is skipped because
 * this profile refuses writes (a read-only production profile). `refusedFirst` names a
 * narrower refusal (webhooks) whose reason is the more useful one to report.
 */
function writableWorld(
  fx: Fixtures,
  refusedFirst?: (environment: ResolvedEnvironment) => string | undefined,
): ConformanceWorld | undefined {
  const world = worldOf(fx);
  const refusal = refusedFirst?.(world.environment) ?? writeRefusal(world.environment, world.session.user.schoolId);
  if (refusal) {
    fx.skip(refusal);
    return undefined;
  }
  return world;
}

const BASE_TAGS = ['smoke', 'conformance'];
const tagsFor = (writes: boolean): string[] => (writes ? [...BASE_TAGS, 'mutating'] : BASE_TAGS);

function classify(endpoint: Endpoint, documented: DocumentedResponse): { category: Category; severity: Severity } {
  if (documented.status === 401 || (documented.status === 404 && endpoint.auth))
    return { category: 'security', severity: 'critical' };
  if (endpoint.id.startsWith('health')) return { category: 'health', severity: 'major' };
  return { category: 'smoke', severity: documented.status < 300 ? 'critical' : 'major' };
}

/** Runs a precondition; one that cannot be met here becomes a skip with its reason. */
async function unlessUnmet<T>(fx: Fixtures, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof Unmet)) throw error;
    fx.skip(error.message);
    return undefined;
  }
}

describe.concurrent('conformance: every documented response', () => {
  for (const endpoint of ENDPOINTS) {
    for (const documented of endpoint.responses.filter((response) => !response.conditional)) {
      const key = responseKey(endpoint, documented.status);
      const provoker = PROVOKERS[key];
      const { category, severity } = classify(endpoint, documented);
      const judge = async (fx: Fixtures): Promise<void> => {
        const world = worldOf(fx);
        const skipAs = (reason: string, readOnly = false, unprovable = false): void => {
          world.ledger.skipped(key, reason, readOnly, unprovable);
          fx.skip(reason);
        };
        if (!provoker)
          throw broken(
            documented.sentence,
            `the suite knows no request that provokes ${key}; add one to suites/smoke/conformance/provokers.ts`,
          );
        const refusal = provoker.webhook ? webhookRefusal(fx.environment) : undefined;
        if (refusal) return skipAs(refusal, fx.environment.profile.protections.production);
        const readOnly = provoker.writes ? writeRefusal(fx.environment, world.session.user.schoolId) : undefined;
        if (readOnly) return skipAs(readOnly, true);
        let response: ApiResponse;
        try {
          response = await provoker.send(world);
        } catch (error) {
          if (error instanceof Unmet) return skipAs(error.message, false, error instanceof NoSecondIdentity);
          throw error;
        }
        world.ledger.exercised(key);
        await judgedBySource(fx, async () => {
          assertDocumented(response, documented);
          await provoker.then?.(response, world);
        });
      };
      const signedOut = provoker?.signedOut === true;
      test(
        `${endpoint.method} ${endpoint.path} → ${documented.status} (${provoker?.request ?? 'no request known'}): ${documented.sentence}`,
        check(
          `smoke.conformance.${endpoint.id}.${documented.status}`,
          category,
          severity,
          tagsFor(provoker?.writes ?? false),
        ),
        // Vitest sets up the fixtures a test names, so only the checks that need the session wait for the login.
        signedOut
          ? ({ client, environment, skip, task }) => judge({ client, environment, skip, task })
          : ({ client, session, environment, skip, task }) => judge({ client, session, environment, skip, task }),
      );
    }
  }
});

describe.concurrent('conformance: bearer tokens', () => {
  for (const kind of FORGED_TOKENS) {
    test(
      `a ${kind} bearer token is 401 UNAUTHENTICATED on every business endpoint: ${SENTENCES.needsToken}`,
      check(`smoke.conformance.token.${kind}`, 'security', 'critical', BASE_TAGS),
      async ({ client, session, environment, skip, task }) => {
        const fx: Fixtures = { client, session, environment, skip, task };
        const world = worldOf(fx);
        // Resolved secrets are registered for redaction already.
        const signingKey = world.environment.secrets.jwtSecret;
        const token = forgeToken(kind, world.session.token, signingKey);
        const calls: ['GET' | 'POST', string, unknown][] = [
          ['GET', `/schools/${world.session.user.schoolId}/menus?date=2026-01-05`, undefined],
          ['GET', `/orders/${randomUUID()}`, undefined],
        ];
        // Refusals of POSTs change nothing on an honest target, but production gets no POSTs at all.
        if (!writeRefusal(world.environment)) calls.push(['POST', '/orders', {}], ['POST', '/payments/intents', {}]);
        // A request with a forged token has no valid one, so 401 is published; the code is named only for "without it".
        let additionMissed: ProjectAdditionUnmet | undefined;
        for (const [method, path, body] of calls) {
          const response = await world.send(method, path, {
            token,
            body,
            headers: { 'idempotency-key': randomUUID() },
          });
          if (response.status !== 401)
            throw broken(
              SENTENCES.needsToken,
              `${method} ${path} with a ${kind} token answered ${response.status}, not 401`,
            );
          try {
            expectErrorEnvelope(response, 'UNAUTHENTICATED', ADDITIONS.forgedTokenCode);
          } catch (error) {
            if (!(error instanceof ProjectAdditionUnmet)) throw error;
            additionMissed ??= error;
          }
        }
        if (additionMissed) additionVerdict(fx, additionMissed);
      },
    );
  }
});

describe.concurrent("conformance: another user's data, with its real resources", () => {
  for (const { resource, title, probe } of CROSS_USER_PROBES) {
    test(
      `${title}: ${SENTENCES.otherUser}`,
      check(`smoke.conformance.other-user.${resource}`, 'security', 'critical', [...BASE_TAGS, 'mutating']),
      async ({ client, session, environment, skip, task }) => {
        const fx: Fixtures = { client, session, environment, skip, task };
        const world = writableWorld(fx);
        if (!world) return;
        const other = await unlessUnmet(fx, () => world.secondSession());
        if (!other) return;
        const [mine, theirs] = await Promise.all([ownedBy(world, world.session), ownedBy(world, other)]);
        for (const [asker, owned, who] of [
          [other, mine, 'the second identity, about the smoke account’s'],
          [world.session, theirs, 'the smoke account, about the second identity’s'],
        ] as const) {
          const problem = await probe(world, asker, owned);
          if (problem) throw broken(SENTENCES.otherUser, `${who}: ${problem}`);
        }
      },
    );
  }
});

describe.concurrent('conformance: replays', () => {
  test(
    `the same Idempotency-Key with the same body returns the first order: ${SENTENCES.orderReplay}`,
    check('smoke.conformance.orders-create.replay', 'smoke', 'critical', [...BASE_TAGS, 'mutating']),
    async ({ client, session, environment, skip, task }) => {
      const fx: Fixtures = { client, session, environment, skip, task };
      const world = writableWorld(fx);
      if (!world) return;
      const placed = await unlessUnmet(fx, () => world.ownOrder());
      if (!placed) return;
      const response = await world.send('POST', '/orders', {
        body: placed.body,
        token: placed.token,
        headers: { 'idempotency-key': placed.key },
      });
      if (response.status !== 200 && response.status !== 201)
        throw broken(SENTENCES.orderReplay, `the replay answered ${response.status}`);
      const replay = OrderSchema.parse(jsonBody(response));
      if (replay.id !== placed.order.id)
        throw broken(SENTENCES.orderReplay, `the replay made a second order ${replay.id} (first ${placed.order.id})`);
    },
  );

  test(
    `a replayed payment.captured is accepted again and changes nothing: ${SENTENCES.webhookReplay}`,
    check('smoke.conformance.payment-webhook.replay', 'smoke', 'major', [...BASE_TAGS, 'mutating']),
    async ({ client, session, environment, skip, task }) => {
      const fx: Fixtures = { client, session, environment, skip, task };
      const world = writableWorld(fx, webhookRefusal);
      if (!world) return;
      const paid = await unlessUnmet(fx, () => world.paidOrder());
      if (!paid) return;
      const replay = await paid.replay();
      if (replay.status !== 200)
        throw broken(
          SENTENCES.webhookReplay,
          `the replay answered ${replay.status}, the first delivery ${paid.webhook.status}`,
        );
      const status = await world.orderStatus(paid.order.id);
      if (status !== 'paid')
        throw broken(SENTENCES.webhookReplay, `after the replay order ${paid.order.id} is ${status}`);
    },
  );
});

/**
 * The responses only a failing dependency produces. A target that is unhealthy right now
 * exercises them as it is; otherwise, on a target whose services this run started, a real
 * outage provokes them. That outage must not meet any other check: these run one at a time
 * after every concurrent check of this file, smoke files run one after another
 * (vitest.config.ts), and each outage ends only once the target is ready again.
 */
describe('conformance: responses of a failing dependency (one at a time, after the others)', () => {
  for (const endpoint of ENDPOINTS) {
    for (const documented of endpoint.responses.filter((response) => response.conditional)) {
      const key = responseKey(endpoint, documented.status);
      const provoker = OUTAGE_PROVOKERS[key];
      const { category, severity } = classify(endpoint, documented);
      test(
        `${endpoint.method} ${endpoint.path} → ${documented.status} (${provoker?.request ?? 'no outage known'}): ${documented.sentence}`,
        check(`smoke.conformance.${endpoint.id}.${documented.status}`, category, severity, [...BASE_TAGS, 'outage']),
        // No account needed: an outage is judged on the health endpoints alone.
        async ({ client, environment, skip, task }) => {
          const fx: Fixtures = { client, environment, skip, task };
          const world = worldOf(fx);
          const skipAs = (reason: string): void => {
            world.ledger.skipped(key, reason);
            skip(reason);
          };
          // The same (single) answer the 200 check judged: a target that is unhealthy right now exercises this one.
          const seen = await world.health(endpoint.path);
          let response = seen.status === documented.status ? seen : undefined;
          if (!response) {
            const control = environment.profile.protections.production ? undefined : serviceControlFromEnv();
            if (!control) return skipAs(`cannot be provoked here: ${NO_OUTAGE_HERE}`);
            if (!provoker) return skipAs(`cannot be provoked here: no outage of this run's services makes ${key}`);
            try {
              response = await provoker.send(world, control);
            } catch (error) {
              if (error instanceof Unmet) return skipAs(`cannot be provoked here: ${error.message}`);
              throw error;
            }
          }
          world.ledger.exercised(key);
          assertDocumented(response, documented);
          assertFailing(response, documented);
        },
      );
    }
  }
});

describe('conformance: promises about every response', () => {
  test(
    `x-request-id on every response, success and error alike, an unknown route included: ${SENTENCES.requestId}`,
    check('smoke.conformance.request-id', 'smoke', 'major', BASE_TAGS),
    async ({ client, session, environment, skip, task }) => {
      const fx: Fixtures = { client, session, environment, skip, task };
      const world = worldOf(fx);
      await world.send('GET', `/no-such-route-${randomUUID()}`);
      recordMeasurement(fx.task, { value: sweepRequestIds(world.responses), unit: 'responses' });
    },
  );

  test(
    `every error carries code, message and requestId: ${SENTENCES.errorShape}`,
    check('smoke.conformance.error-envelope', 'smoke', 'major', BASE_TAGS),
    ({ client, session, environment, skip, task }) => {
      const fx: Fixtures = { client, session, environment, skip, task };
      recordMeasurement(fx.task, {
        value: sweepErrorEnvelopes(worldOf(fx).responses),
        unit: 'errors',
      });
    },
  );

  test(
    `money is integer paise in INR: ${SENTENCES.money}`,
    check('smoke.conformance.money', 'smoke', 'major', BASE_TAGS),
    async ({ client, session, environment, skip, task }) => {
      const fx: Fixtures = { client, session, environment, skip, task };
      let seen = 0;
      await judgedBySource(fx, () => {
        seen = sweepMoney(worldOf(fx).responses);
      });
      recordMeasurement(fx.task, { value: seen, unit: 'amounts' });
      if (seen === 0) fx.skip('no response of this run carried an amount (menu, order or intent)');
    },
  );

  test(
    `times are ISO 8601 UTC: ${SENTENCES.times}`,
    check('smoke.conformance.times', 'smoke', 'major', BASE_TAGS),
    ({ client, session, environment, skip, task }) => {
      const fx: Fixtures = { client, session, environment, skip, task };
      const seen = sweepTimes(worldOf(fx).responses);
      recordMeasurement(fx.task, { value: seen, unit: 'timestamps' });
      if (seen === 0) fx.skip('no response of this run carried a time');
    },
  );
});

describe('conformance: coverage of documented responses', () => {
  for (const endpoint of ENDPOINTS) {
    test(
      `${endpoint.method} ${endpoint.path}: every documented response exercised`,
      check(`smoke.conformance.coverage.${endpoint.id}`, 'smoke', 'major', BASE_TAGS),
      ({ client, session, environment, skip, task }) => {
        const fx: Fixtures = { client, session, environment, skip, task };
        const coverage = worldOf(fx).ledger.of(endpoint);
        const percent = Math.round((coverage.exercised / coverage.total) * 1000) / 10;
        recordMeasurement(fx.task, { value: percent, unit: '%', target: '100' });
        if (coverage.missing.length === 0) return;
        const list = coverage.missing.map((m) => `${m.status} (${m.reason})`).join('; ');
        const summary = `${coverage.exercised}/${coverage.total} documented responses exercised; not: ${list}`;
        if (coverage.missing.every((m) => m.conditional || m.unprovable)) return recordWarning(fx.task, summary);
        if (coverage.missing.every((m) => m.conditional || m.readOnly)) return fx.skip(summary);
        throw broken(
          coverage.missing[0]
            ? (endpoint.responses.find((r) => r.status === coverage.missing[0]?.status)?.sentence ?? '')
            : '',
          summary,
        );
      },
    );
  }

  test(
    'all endpoints: documented responses exercised / documented',
    check('smoke.conformance.coverage', 'smoke', 'minor', BASE_TAGS),
    ({ client, session, environment, skip, task }) => {
      const fx: Fixtures = { client, session, environment, skip, task };
      const all = worldOf(fx).ledger.all();
      const exercised = all.reduce((sum, c) => sum + c.exercised, 0);
      const total = all.reduce((sum, c) => sum + c.total, 0);
      recordMeasurement(fx.task, {
        value: Math.round((exercised / total) * 1000) / 10,
        unit: '%',
        target: '100',
      });
      if (exercised < total) recordWarning(fx.task, `${exercised}/${total} documented responses exercised`);
    },
  );
});
