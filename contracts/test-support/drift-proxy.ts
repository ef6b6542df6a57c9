import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Drift } from '../../fixtures/fake-platform/faults.ts';

export interface StartedDriftProxy extends AsyncDisposable {
  url: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/**
 * A proxy in front of a real platform that makes it drift the way the fake platform
 * does (fixtures/fake-platform/faults.ts): a renamed field, a changed status code, a
 * removed endpoint. With no drift it
 * passes everything through unchanged, which is the baseline the drifts are judged against.
 */
export async function startDriftProxy(upstream: string, drift?: Drift): Promise<StartedDriftProxy> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      const body = await readBody(req);
      if (drift === 'removed-endpoint' && req.method === 'POST' && path === '/payments/intents') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              code: 'NOT_FOUND',
              message: 'No route POST /payments/intents',
              requestId: 'drift',
            },
          }),
        );
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => !HOP_BY_HOP.has(k) && typeof v === 'string') as [
          string,
          string,
        ][],
      );
      const answer = await fetch(new URL(path, upstream), {
        method: req.method ?? 'GET',
        headers,
        body: body.length > 0 ? body : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      let text = await answer.text();
      let status = answer.status;
      if (drift === 'renamed-field') text = text.replace(/"totalMinor":/g, '"totalAmount":');
      if (drift === 'changed-status' && req.method === 'POST' && path === '/orders' && status === 201) status = 200;
      res.writeHead(status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      });
      res.end(text);
    })().catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close,
    [Symbol.asyncDispose]: close,
  };
}
