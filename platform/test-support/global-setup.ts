import type { TestProject } from 'vitest/node';
import { startServices } from '../../fixtures/services/resolve-services.ts';
import { startPlatform } from '../start-platform.ts';

/** What every platform test file gets through `inject()`. */
export interface ProvidedPlatform {
  url: string;
  adminToken: string;
  webhookSecret: string;
  demoParent: { email: string; password: string };
}

export interface ProvidedServices {
  provider: string;
  databaseUrl: string;
  redisUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    platform: ProvidedPlatform;
    services: ProvidedServices;
  }
}

/**
 * One platform, on real Postgres and Redis, shared by the platform test files. Files
 * that stop a dependency or reset data start their own (see isolated-platform.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const services = await startServices();
  try {
    const platform = await startPlatform({
      databaseUrl: services.postgres.url,
      redisUrl: services.redis.url,
      env: process.env,
    });
    project.provide('platform', {
      url: platform.url,
      adminToken: platform.adminToken,
      webhookSecret: platform.webhookSecret,
      demoParent: platform.demoParent,
    });
    project.provide('services', {
      provider: services.provider,
      databaseUrl: services.postgres.url,
      redisUrl: services.redis.url,
    });
    return async () => {
      await platform.close();
      await services.dispose();
    };
  } catch (error) {
    await services.dispose();
    throw error;
  }
}
