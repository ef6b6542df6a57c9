import { registerSecret } from '../../../common/redact.ts';
import { waitFor } from '../../../common/wait-for.ts';
import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import { ServiceControl } from '../../../fixtures/services/service-control/service-control-client.ts';
import { ControlClient, route } from '../../../fixtures/platform-control/control-client.ts';
import { CONTROL_ROUTES, LIVE_ALIAS } from '../../../common/aws-shapes/control-api.ts';
import type { LambdaAliasConfiguration, LambdaFunctionVersion } from '../../../common/aws-shapes/lambda.ts';
import type { Dispatcher } from 'undici';
import type { ApiClient, RequestOptions } from '../../../fixtures/api-client/api-client.ts';
import type { ResolvedEnvironment } from '../../../fixtures/environments/resolve-profile.ts';
import { Unmet } from './unmet.ts';

/**
 * What the outage checks use of the conformance world, named here so this module need not
 * import the world that imports it.
 */
export interface OutageWorld {
  readonly client: ApiClient;
  readonly environment: ResolvedEnvironment;
  send(method: Dispatcher.HttpMethod, path: string, options?: RequestOptions): Promise<ApiResponse>;
  cacheOutageAnswers(control: ServiceControl): Promise<OutageAnswers>;
}

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
export async function untilReady(world: OutageWorld, after: string): Promise<void> {
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
  world: OutageWorld,
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

/** What the health endpoints answered during one Redis outage, by path. */
export type OutageAnswers = Map<string, ApiResponse | Unmet>;

/**
 * One Redis outage for all three 503s: `/health` and `/health/ready` of the running
 * instance, then `/health/startup` of a new instance started during it.
 */
export function answersDuringCacheOutage(world: OutageWorld, control: ServiceControl): Promise<OutageAnswers> {
  return duringCacheOutage(world, control, async () => {
    const answers: OutageAnswers = new Map();
    for (const path of ['/health', '/health/ready']) answers.set(path, await world.send('GET', path));
    answers.set('/health/startup', await coldStartAnswer(world).catch(unmetOnly));
    return answers;
  });
}

const unmetOnly = (error: unknown): Unmet => {
  if (error instanceof Unmet) return error;
  throw error;
};

/** The function behind `GET /health/startup` (platform/routes.ts) and the alias the gateway routes through. */
const STARTUP_FUNCTION = 'startupProbe';
const CONTROL_TIMEOUT_MS = 15_000;

/**
 * A new instance that starts while Redis is down, as a scale-out or a deployment would start
 * one on AWS: a version of the startup probe's function is published and `live` routed to it
 * (PublishVersion, UpdateAlias on the control API), so the next request cold-starts an
 * instance that cannot warm up. Its answer is the startup probe's 503. The alias is
 * restored, exactly as it was, before the outage ends.
 */
async function coldStartAnswer(world: OutageWorld): Promise<ApiResponse> {
  const { adminToken } = world.environment.secrets;
  if (!adminToken)
    throw new Unmet('a new instance is started through the control API, and this run has no HARNESS_ADMIN_TOKEN');
  const control = new ControlClient({
    baseUrl: world.client.baseUrl,
    adminToken,
    timeoutMs: CONTROL_TIMEOUT_MS,
  });
  const signal = AbortSignal.timeout(CONTROL_TIMEOUT_MS * 4);
  const call = <T>(entry: string, body?: unknown, params: Record<string, string> = {}): Promise<T> => {
    const { method, path } = route(entry, { name: STARTUP_FUNCTION, alias: LIVE_ALIAS, ...params });
    return control.call<T>(method, path, body, signal);
  };
  try {
    const before = await call<LambdaAliasConfiguration>(CONTROL_ROUTES.getAlias);
    const version = await call<LambdaFunctionVersion>(CONTROL_ROUTES.publishVersion, {
      Description: 'smoke conformance: a new instance started during a cache outage',
    });
    await call(CONTROL_ROUTES.updateAlias, { FunctionVersion: version.Version });
    try {
      return await world.send('GET', '/health/startup');
    } finally {
      await call(CONTROL_ROUTES.updateAlias, {
        FunctionVersion: before.FunctionVersion,
        RoutingConfig: {
          AdditionalVersionWeights: before.RoutingConfig?.AdditionalVersionWeights ?? {},
        },
      });
    }
  } finally {
    await control.close();
  }
}

/** The request that provokes a documented 503, given the run's service control. */
export interface OutageProvoker {
  /** The request, in words, for the check's title. */
  request: string;
  send(world: OutageWorld, control: ServiceControl): Promise<ApiResponse>;
}

/** All 503s come from one outage: the first check to run causes it, the others read its answers. */
const duringTheCacheOutage = (path: string, request: string): OutageProvoker => ({
  request,
  async send(world, control) {
    const answer = (await world.cacheOutageAnswers(control)).get(path);
    if (!answer) throw new Error(`the Redis outage asked nothing of ${path}`);
    if (answer instanceof Unmet) throw answer;
    return answer;
  },
});

/** Keys as in PROVOKERS (`<endpoint id> <status>`): the responses only a failing dependency produces. */
export const OUTAGE_PROVOKERS: Readonly<Record<string, OutageProvoker>> = {
  'health 503': duringTheCacheOutage('/health', "GET /health while the target's Redis is stopped"),
  'health-ready 503': duringTheCacheOutage('/health/ready', "GET /health/ready while the target's Redis is stopped"),
  'health-startup 503': duringTheCacheOutage(
    '/health/startup',
    'GET /health/startup of a new instance started while Redis is stopped',
  ),
};
