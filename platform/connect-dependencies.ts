import { HarnessError } from '../common/harness-error.ts';
import { waitFor, WaitTimeoutError } from '../common/wait-for.ts';
import { isDependencyUnavailable } from './http/dependency-errors.ts';
import type { Redis } from 'ioredis';
import type pg from 'pg';

/** How long a dependency that is still coming up gets before start-up gives up on it. */
const CONNECT_DEADLINE_MS = 3000;

function hostPort(url: string, defaultPort: number): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || defaultPort}`;
  } catch {
    return '<unparseable URL>';
  }
}

/** Waits until Postgres answers; a refusal that waiting cannot cure (bad password, no such database) fails at once. */
export async function connectDatabase(db: pg.Pool, databaseUrl: string): Promise<void> {
  const target = hostPort(databaseUrl, 5432);
  const fix =
    'Fix: start Postgres there, correct DATABASE_URL, or unset DATABASE_URL and REDIS_URL to let the harness start its own.';
  let outcome: { ok: true } | { ok: false; error: Error };
  let lastError = 'no answer';
  try {
    outcome = await waitFor(
      `Postgres at ${target}`,
      async () => {
        try {
          await db.query('SELECT 1');
          return { ok: true } as const;
        } catch (error) {
          // Refused or timed out may pass while a server starts; a wrong password or database will not.
          if (!isDependencyUnavailable(error)) return { ok: false, error: error as Error } as const;
          lastError = (error as Error).message;
          return undefined;
        }
      },
      { timeoutMs: CONNECT_DEADLINE_MS, intervalMs: 200 },
    );
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    throw new HarnessError(
      'DATABASE_UNREACHABLE',
      `Cannot reach Postgres at ${target} (DATABASE_URL) within ${CONNECT_DEADLINE_MS} ms: ${lastError}. ${fix}`,
      { cause: error },
    );
  }
  if (!outcome.ok) {
    throw new HarnessError(
      'DATABASE_REFUSED',
      `Postgres at ${target} (DATABASE_URL) refused the connection: ${outcome.error.message}. ${fix}`,
      {
        cause: outcome.error,
      },
    );
  }
}

/** Starts the client's connection and waits until it is ready to take commands. */
export async function connectCache(redis: Redis, redisUrl: string): Promise<void> {
  const target = hostPort(redisUrl, 6379);
  // Rejections are retried by ioredis itself; readiness is what we wait for.
  redis.connect().catch(() => undefined);
  try {
    await waitFor(`Redis at ${target} to be ready`, () => (redis.status === 'ready' ? true : undefined), {
      timeoutMs: CONNECT_DEADLINE_MS,
      intervalMs: 25,
    });
  } catch (error) {
    throw new HarnessError(
      'REDIS_UNREACHABLE',
      `Cannot reach Redis at ${target} (REDIS_URL) within ${CONNECT_DEADLINE_MS} ms. ` +
        'Fix: start Redis there, correct REDIS_URL, or unset DATABASE_URL and REDIS_URL to let the harness start its own.',
      { cause: error },
    );
  }
}
