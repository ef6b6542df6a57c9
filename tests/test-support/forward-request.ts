import { request, type IncomingMessage, type ServerResponse } from 'node:http';

/** How long a test proxy waits on its upstream before it answers 502. */
const UPSTREAM_TIMEOUT_MS = 10_000;

/**
 * Passes one request on to `target` at `path` and streams the answer back, as the test proxies
 * in front of the platform do; an upstream that fails or stalls becomes a 502.
 */
export function forwardRequest(target: URL, path: string, req: IncomingMessage, res: ServerResponse): void {
  const forwarded = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path,
      headers: { ...req.headers, host: target.host },
      timeout: UPSTREAM_TIMEOUT_MS,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forwarded.on('timeout', () => forwarded.destroy(new Error('upstream timeout')));
  forwarded.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end('{"message":"Bad Gateway"}');
  });
  req.pipe(forwarded);
}
