import { Redis } from 'ioredis';
import pg from 'pg';
import { inject, test as base } from 'vitest';
import { registerSecret } from '../../common/redact.ts';
import { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { LoginResponseSchema } from '../../fixtures/platform-contract/business.ts';
import { openParentSession, type ParentSession } from '../../fixtures/demo-parent/parent-session.ts';
import { expectStatus, parseContract } from '../assertions/contract-assertions.ts';
import type { IntegrationContext } from './integration-context.ts';
import { ServiceControl } from '../../fixtures/services/service-control/service-control-client.ts';

export type Session = ParentSession;

/** Short enough that a hung platform fails a poll round, long enough for a first connection under load. */
const REQUEST_TIMEOUT_MS = 5000;

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fixtures of the integration suites: the run's services and platform from the global setup,
 * an API client and a logged-in demo parent, and direct Postgres and Redis clients for
 * checking what the platform stored. Direct clients ignore connection errors while a test
 * has stopped their server; the test's own assertions say what went wrong.
 */
export const test = base
  .extend('integration', { scope: 'worker' }, (): IntegrationContext => {
    const context = inject('integration');
    [
      context.demoParent.password,
      context.control.token,
      passwordOf(context.databaseUrl),
      passwordOf(context.redisUrl),
    ].forEach(registerSecret);
    return context;
  })
  .extend('client', { scope: 'worker' }, ({ integration }, { onCleanup }) => {
    const client = new ApiClient({
      baseUrl: integration.platformUrl,
      timeoutMs: REQUEST_TIMEOUT_MS,
      maxResponseBytes: 1_000_000,
    });
    onCleanup(() => client.close());
    return client;
  })
  .extend('services', { scope: 'worker' }, ({ integration }) => new ServiceControl(integration.control))
  .extend('session', { scope: 'file' }, ({ integration, client }): Promise<Session> =>
    openParentSession(client, integration.demoParent, {
      judgeLogin: (response) => expectStatus(response, 200, 'the demo parent must log in'),
      readLogin: (response) => parseContract(LoginResponseSchema, response),
    }),
  )
  .extend('db', ({ integration }, { onCleanup }) => {
    const pool = new pg.Pool({
      connectionString: integration.databaseUrl,
      max: 4,
      connectionTimeoutMillis: 2000,
    });
    pool.on('error', () => undefined);
    onCleanup(() => pool.end());
    return pool;
  })
  .extend('redis', ({ integration }, { onCleanup }) => {
    const redis = new Redis(integration.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 2000,
    });
    redis.on('error', () => undefined);
    onCleanup(() => {
      redis.disconnect();
    });
    return redis;
  });
