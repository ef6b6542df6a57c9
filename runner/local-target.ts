import { randomBytes } from 'node:crypto';
import { registerSecret } from '../common/redact.ts';
import type { Target } from './target.ts';

export interface LocalTarget extends AsyncDisposable {
  target: Target;
  dispose(): Promise<void>;
}

/**
 * The platform's documented defaults (demo-parent-password, local-webhook-secret) are
 * ordinary words: registered as secrets they would mask those words in every report.
 * Fresh random values, unless the person chose their own, are secrets nobody can confuse.
 */
function withFreshLocalSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const fresh = (): string => randomBytes(18).toString('base64url');
  return {
    ...env,
    HASIVU_DEMO_PARENT_PASSWORD: env.HASIVU_DEMO_PARENT_PASSWORD || fresh(),
    HASIVU_SECOND_PARENT_PASSWORD: env.HASIVU_SECOND_PARENT_PASSWORD || fresh(),
    HASIVU_WEBHOOK_SECRET: env.HASIVU_WEBHOOK_SECRET || fresh(),
  };
}

/** Starts Postgres, Redis and the reference platform on loopback: the embedded default target. */
export async function startLocalTarget(log: (line: string) => void): Promise<LocalTarget> {
  // Loaded on demand: runs against a remote target never load the platform's code, nor the
  // container and database clients the services need.
  const [{ startPlatform }, { startServices }, { startServiceControlServer }] = await Promise.all([
    import('../platform/start-platform.ts'),
    import('../fixtures/services/resolve-services.ts'),
    import('../fixtures/services/service-control/service-control-server.ts'),
  ]);
  const services = await startServices({ log });
  try {
    const platform = await startPlatform({
      env: withFreshLocalSecrets(process.env),
      databaseUrl: services.postgres.url,
      redisUrl: services.redis.url,
      port: 0,
      // Lent so its FIS endpoint can take them away (the dependency drills rehearsed with
      // --adapter aws); services someone else runs are not this run's to stop.
      ...(services.provider === 'external'
        ? {}
        : {
            services: {
              postgres: { stop: () => services.postgres.stop(), start: () => services.postgres.start() },
              redis: { stop: () => services.redis.stop(), start: () => services.redis.start() },
            },
          }),
    });
    [
      platform.adminToken,
      platform.webhookSecret,
      platform.demoParent.password,
      platform.secondParent.password,
      platform.jwtSecret,
    ].forEach(registerSecret);
    log(`platform: reference HASIVU platform listening on ${platform.url}`);
    // Smoke's conformance checks provoke the documented 503s with a real outage, asked for from
    // their workers; services someone else runs (external) cannot be stopped, so they get none.
    const control =
      services.provider === 'external'
        ? undefined
        : await startServiceControlServer(services).catch(async (error: unknown) => {
            await platform.close();
            throw error;
          });
    if (control) registerSecret(control.token);
    let disposed: Promise<void> | undefined;
    const dispose = (): Promise<void> => {
      disposed ??= (control?.close() ?? Promise.resolve())
        .finally(() => platform.close())
        .finally(() => services.dispose());
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
        ...(control ? { serviceControl: { url: control.url, token: control.token } } : {}),
      },
      dispose,
      [Symbol.asyncDispose]: dispose,
    };
  } catch (error) {
    await services.dispose();
    throw error;
  }
}
