import { DEFAULT_PROVIDERS, startServices } from '../../fixtures/services/resolve-services.ts';
import type { ServiceProvider } from '../../fixtures/services/service-provider.ts';
import type { ServiceProviderName, StartedService, StartedServices } from '../../fixtures/services/started-services.ts';

const NOTHING_STARTED: StartedService = {
  url: '',
  stop: () => Promise.resolve(),
  start: () => Promise.resolve(),
};

/**
 * The provider the integration global setup will use, found by the resolver's own walk
 * (same order, same HARNESS_SERVICES forcing, same NO_SERVICE_PROVIDER error), but with
 * every `start` replaced so nothing is started. Runs before vitest, so a machine with no way
 * to start Postgres and Redis stops with the resolver's one-line error and exit code 2
 * instead of a failed globalSetup inside vitest.
 */
export async function chooseServiceProvider(env: NodeJS.ProcessEnv = process.env): Promise<ServiceProviderName> {
  const probes = DEFAULT_PROVIDERS.map((provider): ServiceProvider => ({
    name: provider.name,
    applicability: (e) => provider.applicability(e),
    start: (): Promise<StartedServices> =>
      Promise.resolve({
        provider: provider.name,
        postgres: NOTHING_STARTED,
        redis: NOTHING_STARTED,
        dispose: () => Promise.resolve(),
        [Symbol.asyncDispose]: () => Promise.resolve(),
      }),
  }));
  // Silent: the global setup logs the walk, with the reason for every provider it skips.
  const chosen = await startServices({ env, providers: probes, log: () => undefined });
  return chosen.provider;
}
