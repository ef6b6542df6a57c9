import { LOCAL_SERVICES, type LocalService } from '../../common/aws-shapes/fis.ts';
import type { ServiceProviderName } from '../../fixtures/services/started-services.ts';
import type { PlatformExit } from './platform-process.ts';

/** The services a test may stop and start again through the service control endpoint, named as the FIS vocabulary names them. */
export const CONTROLLED_SERVICES = LOCAL_SERVICES;
export type ControlledService = LocalService;

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
  control: { url: string; token: string };
}

/** What `GET /platform` of the control endpoint answers. */
export interface PlatformState {
  pid: number;
  /** Null while the platform runs; its exit and last output once it has ended. */
  exited: PlatformExit | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    integration: IntegrationContext;
  }
}
