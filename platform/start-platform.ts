import { awsWireRoutes } from './aws-wire/aws-wire-routes.ts';
import { cloudWatchWire } from './aws-wire/cloudwatch-wire.ts';
import { codeDeployWire } from './aws-wire/codedeploy-wire.ts';
import { fisWire } from './aws-wire/fis-wire.ts';
import { lambdaWire } from './aws-wire/lambda-wire.ts';
import { registerExitCleanup } from '../common/exit-cleanup.ts';
import { makeTempDir, removeTempDir } from '../common/temp-dir.ts';
import { closeRedis, createRedis } from './cache/create-redis.ts';
import { loadPlatformConfig, type PlatformConfig } from './config.ts';
import { connectCache, connectDatabase } from './connect-dependencies.ts';
import { cloudwatchControl } from './control/cloudwatch-control.ts';
import { codedeployControl } from './control/codedeploy-control.ts';
import { controlRoutes } from './control/control-routes.ts';
import { fisControl } from './control/fis-control.ts';
import { lambdaControl } from './control/lambda-control.ts';
import { resetControl } from './control/reset.ts';
import { createPool } from './db/create-pool.ts';
import { startEmulation, type Emulation } from './emulation.ts';
import type { ServiceControls } from './fis/service-outage.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoData } from './db/seed.ts';
import { withAddedDelays } from './gateway/added-delay.ts';
import { startGateway } from './gateway/gateway-server.ts';
import type { Route } from './gateway/route-table.ts';
import { createLambdaService, type LambdaService } from './lambda/lambda-service.ts';
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
  /**
   * Stop and start of the Postgres and Redis above, when the caller owns them: FIS's
   * `aws:rds:reboot-db-instances` and `aws:elasticache:replicationgroup-interrupt-az-power`
   * then run on them. Without it the platform refuses those actions.
   */
  services?: ServiceControls;
}

export interface StartedPlatform extends AsyncDisposable {
  url: string;
  port: number;
  adminToken: string;
  webhookSecret: string;
  /** The access tokens' HS256 key, so a local harness can make a correctly signed but expired token. */
  jwtSecret: string;
  demoParent: { email: string; password: string };
  /** A second parent in the same school, for "another user's resource" checks. */
  secondParent: { email: string; password: string };
  close(): Promise<void>;
}

/** The object store's directory: the configured one, or a temporary one removed on close or exit. */
function storageDirectory(storageDir: string | undefined, cleanup: AsyncDisposableStack): string {
  if (storageDir) return storageDir;
  const made = makeTempDir('storage');
  const unregister = registerExitCleanup(() => removeTempDir(made));
  cleanup.defer(() => {
    removeTempDir(made);
    unregister();
  });
  return made;
}

/** Connects to Postgres and Redis, migrates, seeds and warms up: the runtime every handler shares. */
async function prepareRuntime(
  config: PlatformConfig,
  options: StartPlatformOptions,
  storageDir: string,
  cleanup: AsyncDisposableStack,
): Promise<PlatformRuntime> {
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
  const connected = await Promise.allSettled([
    connectDatabase(db, options.databaseUrl),
    connectCache(redis, options.redisUrl),
  ]);
  for (const result of connected) if (result.status === 'rejected') throw result.reason;
  await migrate(db);
  runtime.startup.migrationsApplied = true;
  await seedDemoData(db, config.demoParent, config.secondParent);
  await warmUp(runtime);
  runtime.startup.warmedUp = true;
  return runtime;
}

/** Everything the gateway answers: the API, the control API and the AWS wire protocols. */
function platformRoutes(config: PlatformConfig, lambda: LambdaService, emulation: Emulation): Route[] {
  return [
    ...withAddedDelays(emulation.routes(API_ROUTES), config.addedDelays),
    ...controlRoutes(config.adminToken, [
      resetControl(() => Promise.resolve(emulation.reset())),
      lambdaControl(lambda.registry),
      codedeployControl(emulation.deployments),
      cloudwatchControl(emulation.alarms),
      fisControl(emulation.experiments),
    ]),
    ...awsWireRoutes(config.adminToken, {
      rest: [
        { name: 'lambda', prefixes: ['/2015-03-31'], routes: lambdaWire(lambda.registry) },
        {
          name: 'fis',
          prefixes: ['/experimentTemplates', '/experiments', '/tags', '/actions', '/targetResourceTypes'],
          routes: fisWire(emulation.experiments, emulation.experimentTemplates),
        },
      ],
      rpc: [
        {
          protocol: 'json-1.1',
          ...codeDeployWire(emulation.deployments, emulation.deploymentGroups),
        },
        { protocol: 'cloudwatch-json-1.0', ...cloudWatchWire(emulation.alarms) },
      ],
    }),
  ];
}

/**
 * Starts the reference platform: connects, migrates, seeds, warms up, then listens.
 * Everything it opened is closed again by `close()`, or at once if start-up fails.
 */
export async function startPlatform(options: StartPlatformOptions): Promise<StartedPlatform> {
  const config = loadPlatformConfig(options.env ?? process.env);
  await using cleanup = new AsyncDisposableStack();
  const storageDir = storageDirectory(config.storageDir, cleanup);
  const runtime = await prepareRuntime(config, options, storageDir, cleanup);

  const lambda = createLambdaService({
    routes: API_ROUTES,
    runtime,
    databaseUrl: options.databaseUrl,
    redisUrl: options.redisUrl,
    storageDir,
    env: options.env ?? process.env,
  });
  cleanup.defer(() => lambda.pool.closeAll());
  const emulation = startEmulation(config, lambda, options.services);
  cleanup.use(emulation);

  const gateway = await startGateway({
    routes: platformRoutes(config, lambda, emulation),
    host: options.host ?? '127.0.0.1',
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
    jwtSecret: config.jwtSecret,
    demoParent: { ...config.demoParent },
    secondParent: { ...config.secondParent },
    close,
    [Symbol.asyncDispose]: close,
  };
}
