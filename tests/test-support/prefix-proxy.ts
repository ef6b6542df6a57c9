import { createServer } from 'node:http';
import { forwardRequest } from './forward-request.ts';
import { listenOnLoopback } from '../../common/loopback-server.ts';

export interface StartedPrefixProxy extends AsyncDisposable {
  /** The proxy's base URL, with the prefix: what a user would put in HARNESS_BASE_URL. */
  url: string;
  /** Paths that arrived without the prefix (answered 404), to show what a client got wrong. */
  strays: string[];
}

/**
 * An API Gateway stage in miniature: requests under `prefix` go to `upstream` without it,
 * everything else is API Gateway's bare 404. A client that drops the base path fails.
 */
export async function startPrefixProxy(upstream: string, prefix: string): Promise<StartedPrefixProxy> {
  const target = new URL(upstream);
  const strays: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path !== prefix && !path.startsWith(`${prefix}/`) && !path.startsWith(`${prefix}?`)) {
      strays.push(`${req.method} ${path}`);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    forwardRequest(target, path.slice(prefix.length) || '/', req, res);
  });
  const { origin, close } = await listenOnLoopback(server);
  return {
    url: `${origin}${prefix}`,
    strays,
    [Symbol.asyncDispose]: close,
  };
}
