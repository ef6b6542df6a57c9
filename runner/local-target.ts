import { registerSecret } from '../common/redact.ts';
import type { Target } from './target.ts';

export interface LocalTarget extends AsyncDisposable {
  target: Target;
  dispose(): Promise<void>;
}

/** Starts Postgres, Redis and the reference platform on loopback: the embedded default target. */
export async function startLocalTarget(log: (line: string) => void): Promise<LocalTarget> {
  // Loaded on demand: runs against a remote target never load the platform's code, nor the
  // container and database clients the services need.
  const [{ startPlatform }, { startServices }] = await Promise.all([
    import('../platform/start-platform.ts'),
    import('../fixtures/services/resolve-services.ts'),
  ]);
  const services = await startServices({ log });
  try {
    const platform = await startPlatform({
      databaseUrl: services.postgres.url,
      redisUrl: services.redis.url,
      port: 0,
    });
    [
      platform.adminToken,
      platform.webhookSecret,
      platform.demoParent.password,
      platform.secondParent.password,
      platform.jwtSecret,
    ].forEach(registerSecret);
    log(`platform: reference HASIVU platform listening on ${platform.url}`);
    let disposed: Promise<void> | undefined;
    const dispose = (): Promise<void> => {
      if (!disposed) disposed = platform.close().finally(() => services.dispose());
      return disposed;
    };
    return {
      target: {
        baseUrl: platform.url,
        credentials: { email: platform.demoParent.email, password: platform.demoParent.password },
        secondUser: { ...platform.secondParent },
        jwtSecret: platform.jwtSecret,
        webhookSecret: platform.webhookSecret,
        adminToken: platform.adminToken,
        local: true,
        dependencies: {
          provider: services.provider,
          stop: (service) => services[service].stop(),
          start: (service) => services[service].start(),
          postgresUrl: services.postgres.url,
        },
      },
      dispose,
      [Symbol.asyncDispose]: dispose,
    };
  } catch (error) {
    await services.dispose();
    throw error;
  }
}
