import type { ResolvedEnvironment } from '../fixtures/environments/resolve-profile.ts';

/** Stops and starts the target's Postgres or Redis; only a platform this run started offers it. */
/** Who asks for a stop or start: an AWS implementation tags and bounds its experiment with it. */
export interface DependencyStepOptions {
  drill: string;
  signal: AbortSignal;
}

export interface DependencyControl {
  /** Which way the services were obtained (native, testcontainers, external, fis): external ones refuse. */
  provider: string;
  /** Returns what carried the outage when it was not this process (on AWS: the FIS experiment). */
  stop(
    service: 'postgres' | 'redis',
    step?: DependencyStepOptions,
  ): Promise<{ experimentId: string; actionId: string } | void>;
  start(service: 'postgres' | 'redis', step?: DependencyStepOptions): Promise<void>;
  /** Why `service` cannot be taken away here (the profile field to set), or undefined when it can. */
  missing?(service: 'postgres' | 'redis'): string | undefined;
  /** The platform's database URL, for the restore drill's pg_dump, drop and pg_restore. */
  postgresUrl?: string;
}

/** The platform under test as runners see it, after any local platform has started. */
export interface Target {
  baseUrl: string;
  /** Smoke-test parent account. `password` is undefined when nobody supplied one. */
  credentials: { email: string; password: string | undefined };
  /** An optional second account, for checks that users cannot see each other's data. */
  secondUser?: { email: string; password: string };
  webhookSecret: string | undefined;
  /** The access tokens' signing key; only the local reference platform gives it away. */
  jwtSecret?: string;
  /** Control API token; only the local reference platform has one. */
  adminToken: string | undefined;
  /** True when this run started the reference platform itself. */
  local: boolean;
  /** Present when the run started the platform's services itself: drills restart them. */
  dependencies?: DependencyControl;
  /**
   * The same stops and starts for test workers, over loopback HTTP with a token
   * (fixtures/services/service-control/service-control-server.ts): present only when the run owns the services.
   */
  serviceControl?: { url: string; token: string };
}

/**
 * The variables a child process (a vitest worker, k6) needs to reach the same target.
 * Secrets travel in the environment, never in argv, where `ps` would show them.
 */
export function targetEnv(target: Target, environment: ResolvedEnvironment): Record<string, string> {
  const env: Record<string, string> = {
    HARNESS_ENV: environment.profile.name,
    HARNESS_BASE_URL: target.baseUrl,
    HARNESS_USER_EMAIL: target.credentials.email,
    HARNESS_REPORTS_DIR: environment.reportsDir,
    // Workers see the started platform's URL, so they cannot tell it is the reference one: decided here.
    HARNESS_CONTRACT_STRICT: String(environment.profile.contract?.strict ?? false),
  };
  if (target.credentials.password) env.HARNESS_USER_PASSWORD = target.credentials.password;
  if (target.webhookSecret) env.HARNESS_WEBHOOK_SECRET = target.webhookSecret;
  if (target.secondUser) {
    env.HARNESS_SECOND_USER_EMAIL = target.secondUser.email;
    env.HARNESS_SECOND_USER_PASSWORD = target.secondUser.password;
  }
  if (target.adminToken) env.HARNESS_ADMIN_TOKEN = target.adminToken;
  if (target.jwtSecret) env.HARNESS_JWT_SECRET = target.jwtSecret;
  // Set empty when the run does not own the services, so no value inherited from elsewhere stands in.
  env.HARNESS_SERVICE_CONTROL_URL = target.serviceControl?.url ?? '';
  env.HARNESS_SERVICE_CONTROL_TOKEN = target.serviceControl?.token ?? '';
  return env;
}
