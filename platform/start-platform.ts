import { registerExitCleanup } from '../common/exit-cleanup.ts';
import { HarnessError } from '../common/harness-error.ts';
import { waitFor, WaitTimeoutError } from '../common/wait-for.ts';
import { makeTempDir, removeTempDir } from '../fixtures/services/temp-dir.ts';
import { closeRedis, createRedis } from './cache/create-redis.ts';
import { loadPlatformConfig } from './config.ts';
import { controlRoutes } from './control/control-routes.ts';
import { createPool } from './db/create-pool.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoData } from './db/seed.ts';
import { startGateway } from './gateway/gateway-server.ts';
import { isDependencyUnavailable } from './http/dependency-errors.ts';
import { API_ROUTES } from './routes.ts';
import { runWithRuntime, type PlatformRuntime } from './runtime.ts';
import { localObjectStore } from './storage/local-object-store.ts';
import { warmUp } from './warm-up.ts';

export interface StartPlatformOptions {
  /** Postgres connection URL, e.g. `postgres://postgres@127.0.0.1:5433/hasivu`. */
  databaseUrl: string;
  /** Redis connection URL, e.g. `redis://127.0.0.1:6380`. */
  redisUrl: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1, so nothing outside this machine can reach it. */
  host?: string;
  /** Where HASIVU_* settings are read from; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface StartedPlatform extends AsyncDisposable {
  url: string;
  port: number;
  adminToken: string;
  webhookSecret: string;
  demoParent: { email: string; password: string };
  close(): Promise<void>;
}

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

async function connectDatabase(runtime: Pick<PlatformRuntime, 'db'>, databaseUrl: string): Promise<void> {
  const target = hostPort(databaseUrl, 5432);
  const fix = 'Fix: start Postgres there, correct DATABASE_URL, or unset DATABASE_URL and REDIS_URL to let the harness start its own.';
  let outcome: { ok: true } | { ok: false; error: Error };
  let lastError = 'no answer';
  try {
    outcome = await waitFor(
      `Postgres at ${target}`,
      async () => {
        try {
          await runtime.db.query('SELECT 1');
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
    throw new HarnessError('DATABASE_REFUSED', `Postgres at ${target} (DATABASE_URL) refused the connection: ${outcome.error.message}. ${fix}`, {
      cause: outcome.error,
    });
  }
}

async function connectCache(runtime: Pick<PlatformRuntime, 'redis'>, redisUrl: string): Promise<void> {
  const target = hostPort(redisUrl, 6379);
  // Rejections are retried by ioredis itself; readiness is what we wait for.
  runtime.redis.connect().catch(() => undefined);
  try {
    await waitFor(`Redis at ${target} to be ready`, () => (runtime.redis.status === 'ready' ? true : undefined), {
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

/**
 * Starts the reference platform: connects, migrates, seeds, warms up, then listens.
 * Everything it opened is closed again by `close()`, or at once if start-up fails.
 */
export async function startPlatform(options: StartPlatformOptions): Promise<StartedPlatform> {
  const config = loadPlatformConfig(options.env ?? process.env);
  await using cleanup = new AsyncDisposableStack();

  const storageDir = config.storageDir ?? makeTempDir('storage');
  if (!config.storageDir) {
    const unregister = registerExitCleanup(() => removeTempDir(storageDir));
    cleanup.defer(() => {
      removeTempDir(storageDir);
      unregister();
    });
  }
  const db = createPool(options.databaseUrl);
  cleanup.defer(() => db.end());
  const redis = createRedis(options.redisUrl);
  cleanup.defer(() => closeRedis(redis));

  const runtime: PlatformRuntime = {
    config,
    db,
    redis,
    storage: localObjectStore(storageDir),
    jwtKey: new TextEncoder().encode(config.jwtSecret),
    startup: { migrationsApplied: false, warmedUp: false },
  };

  // Both are tried, in parallel, before either failure is reported, so nothing is left polling after a throw.
  const connected = await Promise.allSettled([connectDatabase(runtime, options.databaseUrl), connectCache(runtime, options.redisUrl)]);
  for (const result of connected) if (result.status === 'rejected') throw result.reason;
  await migrate(db);
  runtime.startup.migrationsApplied = true;
  await seedDemoData(db, config.demoParent);
  await warmUp(runtime);
  runtime.startup.warmedUp = true;

  const host = options.host ?? '127.0.0.1';
  const gateway = await startGateway({
    routes: [...API_ROUTES, ...controlRoutes(config.adminToken)],
    host,
    port: options.port ?? 0,
    around: (invoke) => runWithRuntime(runtime, invoke),
  });
  cleanup.defer(() => gateway.close());

  const resources = cleanup.move();
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= resources.disposeAsync());
  return {
    url: gateway.url,
    port: gateway.port,
    adminToken: config.adminToken,
    webhookSecret: config.webhookSecret,
    demoParent: { ...config.demoParent },
    close,
    [Symbol.asyncDispose]: close,
  };
}
