import type { ServiceProviderName } from '../../fixtures/services/started-services.ts';
import type { ServiceControlEndpoint } from '../../fixtures/services/service-control/service-control-vocabulary.ts';

/**
 * What the integration global setup hands to every test file (`inject('integration')`):
 * the run's own Postgres, Redis and reference platform, never the CLI's target.
 */
export interface IntegrationContext {
  /** Which provider started Postgres and Redis; outage tests skip on `external` (it cannot stop them). */
  provider: ServiceProviderName;
  databaseUrl: string;
  redisUrl: string;
  platformUrl: string;
  /** The platform runs in its own process; outage tests check it is still this one. */
  platformPid: number;
  demoParent: { email: string; password: string };
  /**
   * Services live in the global setup's process, tests in workers: a worker asks for a stop or
   * start over loopback HTTP, so every server and temp dir stays owned by the process that
   * handles Ctrl-C and cleans up.
   */
  control: ServiceControlEndpoint;
}

declare module 'vitest' {
  export interface ProvidedContext {
    integration: IntegrationContext;
  }
}
