import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  FIS_SERVICE_ACTION_IDS,
  FIS_SERVICE_ACTIONS,
  LOCAL_SERVICES,
  SERVICE_OUTAGE_STEPS,
  isFisServiceAction,
  type ServiceOutageStep,
} from '../../common/aws-shapes/fis.ts';
import { listenOnLoopback } from '../../common/loopback-server.ts';
import type { StartedService, StartedServices } from '../../fixtures/services/started-services.ts';
import {
  CONTROLLED_SERVICES,
  type ControlledService,
  type PlatformState,
} from './integration-context.ts';
import type { PlatformProcess } from './platform-process.ts';

export const CONTROL_TOKEN_HEADER = 'x-control-token';

export interface ServiceControlServer extends AsyncDisposable {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** `/{service}/{step}`, or the same by FIS action: `/fis/aws:rds:reboot-db-instances/stop`. */
const ROUTE = new RegExp(
  `^/(${[...LOCAL_SERVICES, ...FIS_SERVICE_ACTION_IDS.map((id) => `fis/${id}`)].join('|')})/(${SERVICE_OUTAGE_STEPS.join('|')})$`,
);

function serviceOf(name: string): ControlledService {
  const actionId = name.replace(/^fis\//, '');
  return isFisServiceAction(actionId)
    ? FIS_SERVICE_ACTIONS[actionId].service
    : (name as ControlledService);
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function answer(res: ServerResponse, status: number, text = ''): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}

/**
 * Lets test workers stop and start the run's Postgres and Redis: `POST /{postgres|redis}/{stop|start}`
 * (or by the FIS action that is the same outage on AWS, `POST /fis/{actionId}/{stop|start}`)
 * on 127.0.0.1 with the token. Both verbs are idempotent (a start of a running service does
 * nothing), and operations on one service run one after another. `GET /platform` says whether
 * the platform process still runs, and how it ended if not (when the platform has a process of its own).
 */
export async function startServiceControlServer(
  services: Pick<StartedServices, ControlledService>,
  /** A platform in a process of its own, watched by `GET /platform`; absent for an in-process platform. */
  platform?: Pick<PlatformProcess, 'pid' | 'exited'>,
): Promise<ServiceControlServer> {
  const token = randomBytes(24).toString('base64url');
  const stopped = new Set<ControlledService>();
  const queues = new Map<ControlledService, Promise<unknown>>();
  const byName: Record<ControlledService, Pick<StartedService, 'stop' | 'start'>> = services;

  const apply = (service: ControlledService, verb: ServiceOutageStep): Promise<void> => {
    const run = async (): Promise<void> => {
      if (verb === 'stop' && !stopped.has(service)) {
        await byName[service].stop();
        stopped.add(service);
      } else if (verb === 'start' && stopped.has(service)) {
        await byName[service].start();
        stopped.delete(service);
      }
    };
    const next = (queues.get(service) ?? Promise.resolve()).catch(() => undefined).then(run);
    queues.set(service, next);
    return next;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!sameToken(req.headers[CONTROL_TOKEN_HEADER], token))
      return answer(res, 401, `missing or wrong ${CONTROL_TOKEN_HEADER}`);
    if (platform && req.method === 'GET' && req.url === '/platform') {
      const state: PlatformState = { pid: platform.pid, exited: platform.exited() ?? null };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state));
      return;
    }
    const match = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
    const service = match?.[1] === undefined ? undefined : serviceOf(match[1]);
    const verb = match?.[2] as ServiceOutageStep | undefined;
    if (!service || !verb || !CONTROLLED_SERVICES.includes(service)) {
      return answer(
        res,
        404,
        `no route ${req.method} ${req.url}; use POST /{${LOCAL_SERVICES.join('|')}}/{${SERVICE_OUTAGE_STEPS.join('|')}}${platform ? ', ' : ' or '}POST /fis/{${FIS_SERVICE_ACTION_IDS.join('|')}}/{${SERVICE_OUTAGE_STEPS.join('|')}}${platform ? ' or GET /platform' : ''}`,
      );
    }
    try {
      await apply(service, verb);
      answer(res, 204);
    } catch (error) {
      answer(
        res,
        500,
        `${verb} ${service} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const server = createServer((req, res) => {
    req.resume();
    void handle(req, res);
  });
  const { origin, close } = await listenOnLoopback(server);
  return { url: origin, token, close, [Symbol.asyncDispose]: close };
}
