import type { ResolvedEnvironment } from '../fixtures/environments/resolve-profile.ts';

/** The platform under test as runners see it, after any local platform has started. */
export interface Target {
  baseUrl: string;
  /** Smoke-test parent account. `password` is undefined when nobody supplied one. */
  credentials: { email: string; password: string | undefined };
  webhookSecret: string | undefined;
  /** Control API token; only the local reference platform has one. */
  adminToken: string | undefined;
  /** True when this run started the reference platform itself. */
  local: boolean;
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
  };
  if (target.credentials.password) env.HARNESS_USER_PASSWORD = target.credentials.password;
  if (target.webhookSecret) env.HARNESS_WEBHOOK_SECRET = target.webhookSecret;
  if (target.adminToken) env.HARNESS_ADMIN_TOKEN = target.adminToken;
  return env;
}
