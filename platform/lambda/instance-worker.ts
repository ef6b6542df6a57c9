/**
 * The entry of a function version's worker thread: it loads the function's handler and
 * builds a runtime of its own (the version's config, a small Postgres pool, its own Redis
 * connection), as a Lambda execution environment does at init, then runs invocations of
 * that one version. It imports nothing it does not need, because all of it is Init Duration.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeRedis, createRedis } from '../cache/create-redis.ts';
import { createPool } from '../db/create-pool.ts';
import { lambdaContext } from '../gateway/lambda-context.ts';
import type { PlatformHandler } from '../http/platform-handler.ts';
import { runWithRuntime, type PlatformRuntime } from '../runtime.ts';
import { withTimeout } from '../../common/with-timeout.ts';
import { localObjectStore } from '../storage/local-object-store.ts';
import { warmUp } from '../warm-up.ts';
import { functionError } from './function-instance.ts';
import { withReleaseBehaviour } from './release-behaviour.ts';
import type { FromWorker, InstanceWorkerData, ToWorker } from './worker-protocol.ts';

const port = parentPort;
const data = workerData as InstanceWorkerData;
const send = (message: FromWorker): void => port?.postMessage(message);

/** Init connects as a Lambda's init would, but never waits past this for a dependency that is down. */
const CONNECT_AT_INIT_MS = 1500;

async function init(): Promise<{
  runtime: PlatformRuntime;
  run: ReturnType<typeof withReleaseBehaviour>;
}> {
  const loaded = (await import(data.handlerModule)) as Record<string, PlatformHandler | undefined>;
  const handler = loaded[data.functionName];
  if (!handler) throw new Error(`${data.handlerModule} exports no ${data.functionName}`);
  const { config } = data;
  const db = createPool(data.databaseUrl, config.instancePoolMax);
  const redis = createRedis(data.redisUrl);
  const connecting = Promise.allSettled([redis.connect(), db.query('SELECT 1')]);
  let timer: NodeJS.Timeout | undefined;
  // Connected at init when possible; a dependency that is down is retried on demand by each invocation.
  await Promise.race([connecting, new Promise((resolve) => (timer = setTimeout(resolve, CONNECT_AT_INIT_MS)))]);
  clearTimeout(timer);
  const runtime: PlatformRuntime = {
    config,
    db,
    redis,
    storage: localObjectStore(config.storageDir ?? ''),
    jwtKey: new TextEncoder().encode(config.jwtSecret),
    // The platform migrated before any version could be published; warm-up is this instance's own.
    startup: { migrationsApplied: true, warmedUp: false },
  };
  await warmUpOnce(runtime);
  return { runtime, run: withReleaseBehaviour(config.release, handler) };
}

/**
 * One warm-up attempt of this instance, bounded. A new instance that starts while a
 * dependency is down (a scale-out during a cache outage) cannot warm up: it still serves,
 * its startup probe answers 503 (`warmup:done` fail), and each later invocation starts
 * another attempt in the background, so the probe turns 200 once the dependency is back.
 */
const WARM_UP_ATTEMPT_MS = 1000;
let warming: Promise<void> | undefined;

function warmUpOnce(runtime: PlatformRuntime): Promise<void> {
  if (runtime.startup.warmedUp) return Promise.resolve();
  warming ??= withTimeout(warmUp(runtime), WARM_UP_ATTEMPT_MS, 'warm-up')
    .then(
      () => {
        runtime.startup.warmedUp = true;
      },
      () => undefined,
    )
    .finally(() => {
      warming = undefined;
    });
  return warming;
}

let instance: Awaited<ReturnType<typeof init>> | undefined;
try {
  instance = await init();
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'init-failed', message: error instanceof Error ? error.message : String(error) });
}

port?.on('message', (message: ToWorker) => {
  if (!instance) return;
  const { runtime, run } = instance;
  if (message.type === 'shutdown') {
    void Promise.allSettled([runtime.db.end(), closeRedis(runtime.redis)]).then(() => {
      send({ type: 'closed' });
      port.close();
    });
    return;
  }
  void warmUpOnce(runtime);
  const context = lambdaContext(data.functionName, message.timeoutMs, data.version);
  runWithRuntime(runtime, () => run(message.event, context)).then(
    (result) => send({ type: 'result', id: message.id, outcome: { ok: true, result } }),
    (error: unknown) => send({ type: 'result', id: message.id, outcome: functionError(error) }),
  );
});
