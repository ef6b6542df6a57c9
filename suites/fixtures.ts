import { test as base, inject } from 'vitest';
import { TargetResponseError } from '../fixtures/api-client/api-response.ts';
import { ROOT_CAUSE_CHECK } from './target-probe.ts';
import { HarnessError } from '../common/harness-error.ts';
import { ApiClient } from '../fixtures/api-client/api-client.ts';
import { parseContract } from './assertions/contract-assertions.ts';
import { resolveProfile, type ResolvedEnvironment } from '../fixtures/environments/resolve-profile.ts';
import { LoginResponseSchema } from '../fixtures/platform-contract/business.ts';
import { only200, openParentSession, type ParentSession } from '../fixtures/demo-parent/parent-session.ts';
import { BlockedError } from '../reports/vitest/blocked-error.ts';

/** Checks of the TLS connection (transport.spec.ts), which need no HTTP answer from the target. */
const TRANSPORT_CHECK_PREFIX = 'smoke.transport.';

/** The check that logs in on its own (business-flow.spec.ts): the root cause when the session cannot be had. */
export const LOGIN_CHECK_ID = 'smoke.business.login';

/** The smoke account's session: school and student come from the login response. */
export type Session = ParentSession;

/**
 * Fixtures for product suites: the resolved environment and an API client per
 * worker, a logged-in session per file. Nothing about the target is hard-coded:
 * school and student come from the login response.
 */
export const test = base
  .extend('environment', { scope: 'worker' }, (): ResolvedEnvironment => resolveProfile())
  .extend('client', { scope: 'worker' }, ({ environment }, { onCleanup }) => {
    const { target } = environment.profile;
    const client = new ApiClient({
      baseUrl: target.baseUrl ?? process.env.HARNESS_BASE_URL ?? '',
      timeoutMs: target.requestTimeoutMs,
      maxResponseBytes: target.maxResponseBytes,
      maxRequestsPerSecond: environment.profile.protections.maxRequestRate,
    });
    onCleanup(() => client.close());
    return client;
  })
  // Every check needs the target to answer: when it did not answer the probe, the root-cause
  // check fails with the reason and every other check is blocked at once, instead of each
  // waiting out its own deadline.
  .extend('targetAnswers', { scope: 'test', auto: true }, ({ task }): void => {
    const down = inject('targetDown');
    if (!down) return;
    // The transport checks judge the connection itself: an expired or self-signed certificate
    // is exactly why the probe got no answer, and they are the checks that say so precisely.
    if (task.meta.check?.id.startsWith(TRANSPORT_CHECK_PREFIX)) return;
    if (task.meta.check?.id === ROOT_CAUSE_CHECK)
      throw new TargetResponseError(`the target did not answer: ${down.reason}`);
    throw new BlockedError(ROOT_CAUSE_CHECK, `the target did not answer: ${down.reason}`);
  })
  .extend('session', { scope: 'file' }, async ({ environment, client }): Promise<Session> => {
    const down = inject('targetDown');
    if (down) throw new BlockedError(ROOT_CAUSE_CHECK, `the target did not answer: ${down.reason}`);
    const password = environment.secrets.userPassword;
    if (!password) {
      throw new HarnessError(
        'MISSING_CREDENTIALS',
        `HARNESS_USER_PASSWORD is not set; set it to the password of ${environment.profile.auth.email} (HARNESS_USER_EMAIL)`,
      );
    }
    // A failed login is reported once, by the login check; every test that needs the session is blocked by it.
    try {
      const { email, loginPath } = environment.profile.auth;
      return await openParentSession(
        client,
        { email, password },
        {
          loginPath,
          judgeLogin: only200(
            (response) =>
              new Error(
                `login as ${email} answered ${response.status}, not 200: check HARNESS_USER_EMAIL and HARNESS_USER_PASSWORD`,
              ),
          ),
          readLogin: (response) => parseContract(LoginResponseSchema, response),
          noStudent: () => new Error(`${email} has no students; the smoke account needs one`),
        },
      );
    } catch (error) {
      throw new BlockedError(LOGIN_CHECK_ID, error instanceof Error ? error.message : String(error));
    }
  });
