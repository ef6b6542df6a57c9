import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { HealthBodySchema } from '../../fixtures/platform-contract/health.ts';

/** An endpoint's answer reduced to what the outage tests compare: status code, overall status, per-check status. */
export interface HealthReading {
  code: number;
  status: string | undefined;
  checks: Record<string, string | undefined>;
}

export async function readHealth(client: ApiClient, path: string): Promise<HealthReading> {
  const response = await client.get(path);
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    body = undefined;
  }
  const parsed = HealthBodySchema.safeParse(body);
  const checks = parsed.success ? (parsed.data.checks ?? {}) : {};
  return {
    code: response.status,
    status: parsed.success ? parsed.data.status : undefined,
    checks: Object.fromEntries(Object.entries(checks).map(([name, results]) => [name, results[0]?.status])),
  };
}

/** `/health` and `/health/ready` as `code status`, e.g. `{ health: '503 fail', ready: '503 fail' }`, for polls with readable diffs. */
export async function healthAndReadiness(client: ApiClient): Promise<{ health: string; ready: string }> {
  const [health, ready] = await Promise.all([readHealth(client, '/health'), readHealth(client, '/health/ready')]);
  return { health: `${health.code} ${health.status}`, ready: `${ready.code} ${ready.status}` };
}
