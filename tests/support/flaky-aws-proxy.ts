import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyAwsProxy extends AsyncDisposable {
  url: string;
  /** Requests that matched, and how many of them were answered 500. */
  matched: number;
  failed: number;
}

/**
 * A loopback proxy in front of the platform's AWS endpoints that answers the first `failures`
 * requests matching `matches` with a 500 `ServiceException`, as AWS does on a bad moment, and
 * forwards everything else: a transient fault for the SDK's retries to get through.
 */
export async function startFlakyAwsProxy(
  upstream: string,
  matches: (method: string, path: string) => boolean,
  failures: number,
): Promise<FlakyAwsProxy> {
  const target = new URL(upstream);
  const state = { matched: 0, failed: 0 };
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (matches(req.method ?? 'GET', path)) {
      state.matched += 1;
      if (state.failed < failures) {
        state.failed += 1;
        req.resume();
        res
          .writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceException' })
          .end('{"__type":"ServiceException","message":"transient failure injected by the test proxy"}');
        return;
      }
    }
    const forwarded = request(
      { host: target.hostname, port: target.port, method: req.method, path, headers: { ...req.headers, host: target.host }, timeout: 10_000 },
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
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get matched() {
      return state.matched;
    },
    get failed() {
      return state.failed;
    },
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
