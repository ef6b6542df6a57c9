import { startServices } from '../../fixtures/services/resolve-services.ts';
import type { StartedServices } from '../../fixtures/services/started-services.ts';
import { startPlatform, type StartedPlatform } from '../start-platform.ts';

/** A fast emulation clock for tests of deployments and faults: a 60 s period and a deployment minute are 200 ms. */
export const FAST_EMULATION_ENV = {
  HASIVU_METRIC_PERIOD_MS: '200',
  HASIVU_DEPLOY_MINUTE_MS: '200',
  HASIVU_EMULATION_TICK_MS: '20',
} as const;

export interface IsolatedPlatform extends AsyncDisposable {
  services: StartedServices;
  platform: StartedPlatform;
}

/**
 * Services and a platform of its own, for a test file that stops dependencies or
 * resets data and so must not share the global platform with files running beside it.
 */
export async function startIsolatedPlatform(
  env: NodeJS.ProcessEnv = process.env,
  /** Lend the platform its services, so FIS's service actions stop and start them. */
  { serviceActions = false }: { serviceActions?: boolean } = {},
): Promise<IsolatedPlatform> {
  const services = await startServices({ log: () => undefined });
  try {
    const platform = await startPlatform({
      databaseUrl: services.postgres.url,
      redisUrl: services.redis.url,
      env,
      ...(serviceActions ? { services: { postgres: services.postgres, redis: services.redis } } : {}),
    });
    const dispose = async (): Promise<void> => {
      await platform.close();
      await services.dispose();
    };
    return { services, platform, [Symbol.asyncDispose]: dispose };
  } catch (error) {
    await services.dispose();
    throw error;
  }
}
