import { loadPlatformConfig, type PlatformConfig } from '../config.ts';
import type { Route } from '../gateway/route-table.ts';
import type { PlatformRuntime } from '../runtime.ts';
import { FunctionRegistry } from './function-registry.ts';
import { handlerModule } from './handler-modules.ts';
import { inProcessInstance } from './in-process-instance.ts';
import { InstancePool } from './instance-pool.ts';
import { startWorkerInstance } from './worker-instance.ts';

export interface LambdaServiceOptions {
  routes: readonly Route[];
  runtime: PlatformRuntime;
  databaseUrl: string;
  redisUrl: string;
  storageDir: string;
  /** The platform's environment, which every version inherits. */
  env: NodeJS.ProcessEnv;
}

export interface LambdaService {
  registry: FunctionRegistry;
  pool: InstancePool;
}

/** The settings a worker must share with the platform: secrets made up at start must be the same ones. */
function sharedSettings(config: PlatformConfig, storageDir: string): Record<string, string> {
  return {
    HASIVU_JWT_SECRET: config.jwtSecret,
    HASIVU_ADMIN_TOKEN: config.adminToken,
    HASIVU_WEBHOOK_SECRET: config.webhookSecret,
    HASIVU_DEMO_PARENT_EMAIL: config.demoParent.email,
    HASIVU_DEMO_PARENT_PASSWORD: config.demoParent.password,
    HASIVU_STORAGE_DIR: storageDir,
  };
}

function stringsOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * The functions of the platform with their versions and instances. Version 1 runs in the
 * platform process unless HASIVU_ISOLATE_ALL_VERSIONS=on; every published version runs in
 * a worker of its own, built from the version's frozen environment.
 */
export function createLambdaService(options: LambdaServiceOptions): LambdaService {
  const { runtime } = options;
  const handlers = new Map(options.routes.map((route) => [route.functionName, route.handler]));
  const registry = new FunctionRegistry([...handlers.keys()]);
  const inherited = {
    ...stringsOnly(options.env),
    ...sharedSettings(runtime.config, options.storageDir),
  };
  const pool = new InstancePool(
    (functionName, version) => {
      const handler = handlers.get(functionName);
      const published = registry.version(functionName, version);
      const module = handlerModule(functionName);
      if (!handler || !published || !module)
        return Promise.reject(new Error(`${functionName}:${version} is not published`));
      if (version === '1' && !runtime.config.isolateAllVersions)
        return Promise.resolve(inProcessInstance(runtime, functionName, version, handler));
      return startWorkerInstance({
        functionName,
        version,
        handlerModule: module,
        config: loadPlatformConfig({ ...inherited, ...published.Environment?.Variables }),
        databaseUrl: options.databaseUrl,
        redisUrl: options.redisUrl,
      });
    },
    (functionName, version, initMs) => registry.recordInitDuration(functionName, version, initMs),
  );
  registry.onVersionsDropped = (functionName, versions) => {
    for (const version of versions) pool.discard(functionName, version);
  };
  return { registry, pool };
}
