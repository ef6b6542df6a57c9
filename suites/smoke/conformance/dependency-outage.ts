import { registerSecret } from '../../../common/redact.ts';
import { waitFor } from '../../../common/wait-for.ts';
import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import { ServiceControl } from '../../integration/service-control.ts';
import type { ConformanceWorld } from './conformance-world.ts';

/**
 * The documented 503s need a dependency that fails. Only a run that started the target's
 * Postgres and Redis itself (the local target) may take one down: it hands its workers a
 * loopback service control endpoint (HARNESS_SERVICE_CONTROL_URL and _TOKEN). Any other
 * target has none, and those responses stay `skip` with this reason.
 */
export const NO_OUTAGE_HERE =
  "this run did not start the target's Postgres and Redis (no HARNESS_SERVICE_CONTROL_URL), and only a run that did (the local target) may make a dependency fail";

/** After the restart, the platform must be ready again before any other check goes on. */
export const RECOVERY_DEADLINE_MS = 30_000;
const RECOVERY_POLL_MS = 50;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The service control endpoint the run handed its workers, if the run owns the target's services. */
export function serviceControlFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceControl | undefined {
  const url = env.HARNESS_SERVICE_CONTROL_URL;
  const token = env.HARNESS_SERVICE_CONTROL_TOKEN;
  if (!url || !token) return undefined;
  // Outages are asked for on loopback only: a control endpoint elsewhere is not the run's own.
  if (!LOOPBACK_HOSTS.has(new URL(url).hostname)) return undefined;
  registerSecret(token);
  return new ServiceControl({ url, token });
}

/** Waits, within the deadline, until `GET /health/ready` answers 200 again. */
export async function untilReady(world: ConformanceWorld, after: string): Promise<void> {
  await waitFor(
    `GET /health/ready to answer 200 again ${after}`,
    async () => ((await world.client.send('GET', '/health/ready')).status === 200 ? true : undefined),
    { timeoutMs: RECOVERY_DEADLINE_MS, intervalMs: RECOVERY_POLL_MS },
  );
}

/**
 * A Redis outage (on AWS the ElastiCache power interruption of the FIS vocabulary): Redis is
 * stopped, `during` asks what it must while it is down, then Redis is started again and the
 * platform must be ready within the deadline. The restore runs whatever `during` did.
 */
export async function duringCacheOutage<T>(
  world: ConformanceWorld,
  control: ServiceControl,
  during: () => Promise<T>,
): Promise<T> {
  await control.stop('redis');
  try {
    return await during();
  } finally {
    await control.start('redis');
    await untilReady(world, 'after the Redis outage');
  }
}

/** The answers of the health endpoints while Redis is down, one request each. */
export function answersDuringCacheOutage(
  world: ConformanceWorld,
  control: ServiceControl,
  paths: readonly string[],
): Promise<Map<string, ApiResponse>> {
  return duringCacheOutage(world, control, async () => {
    const answers = new Map<string, ApiResponse>();
    for (const path of paths) answers.set(path, await world.send('GET', path));
    return answers;
  });
}

/** The request that provokes a documented 503, given the run's service control. */
export interface OutageProvoker {
  /** The request, in words, for the check's title. */
  request: string;
  send(world: ConformanceWorld, control: ServiceControl): Promise<ApiResponse>;
}

/** Both 503s come from one outage: the first check to run causes it, the other reads its answer. */
const duringTheCacheOutage = (path: string): OutageProvoker => ({
  request: `GET ${path} while the target's Redis is stopped`,
  async send(world, control) {
    const answer = (await world.cacheOutageAnswers(control)).get(path);
    if (!answer) throw new Error(`the Redis outage asked nothing of ${path}`);
    return answer;
  },
});

/** Keys as in PROVOKERS (`<endpoint id> <status>`): the responses only a failing dependency produces. */
export const OUTAGE_PROVOKERS: Readonly<Record<string, OutageProvoker>> = {
  'health 503': duringTheCacheOutage('/health'),
  'health-ready 503': duringTheCacheOutage('/health/ready'),
};

/** The paths the cache outage asks, in order. */
export const CACHE_OUTAGE_PATHS = ['/health', '/health/ready'] as const;
