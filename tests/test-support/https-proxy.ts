import { request } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface HttpsProxyOptions {
  key: string;
  cert: string;
  /** The Strict-Transport-Security value to add to every response; none when undefined. */
  hsts?: string;
}

export interface StartedHttpsProxy extends AsyncDisposable {
  /** https://localhost:<port>, which the valid test certificate names. */
  url: string;
}

/** TLS in front of a plain-HTTP upstream (the fake platform), as a load balancer would terminate it. */
export async function startHttpsProxy(upstream: string, options: HttpsProxyOptions): Promise<StartedHttpsProxy> {
  const target = new URL(upstream);
  const server = createServer({ key: options.key, cert: options.cert }, (req, res) => {
    const forwarded = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        timeout: 10_000,
      },
      (answer) => {
        const headers = {
          ...answer.headers,
          ...(options.hsts ? { 'strict-transport-security': options.hsts } : {}),
        };
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    forwarded.on('timeout', () => forwarded.destroy(new Error('upstream timeout')));
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  // A handshake the client refuses is its business: keep the server quiet about it.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}`,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
