import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Pact Broker's HTTP API, for tests: no broker can run on the build
 * machines. It serves the HAL resources the harness and the Pact core follow, answers
 * from fixed data, and records every request so a test can assert the exact calls the
 * real broker API expects. Anything it does not know is a 404 and stays in `unexpected`.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  authorization: string | undefined;
  body: unknown;
}

export interface BrokerStubOptions {
  provider: string;
  /** Pact files the broker "holds" for the provider. */
  pactFiles: string[];
  /** can-i-deploy's answer. */
  deployable?: boolean;
  /** Environments known to the broker, by name → uuid. */
  environments?: Record<string, string>;
  /** Refuse published verification results (403, as for a read-only token). */
  refuseVerificationResults?: boolean;
}

export interface StartedBrokerStub extends AsyncDisposable {
  url: string;
  requests: RecordedRequest[];
  unexpected: string[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/hal+json' });
  res.end(JSON.stringify(body));
}

export async function startBrokerStub(options: BrokerStubOptions): Promise<StartedBrokerStub> {
  const requests: RecordedRequest[] = [];
  const unexpected: string[] = [];
  const pacts = await Promise.all(
    options.pactFiles.map(async (file, index) => {
      const content = JSON.parse(await readFile(file, 'utf8')) as { consumer: { name: string } };
      return { consumer: content.consumer.name, content, versionId: `pv${index + 1}` };
    }),
  );
  const environments = options.environments ?? {};
  let base = '';

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const query: Record<string, string[]> = {};
      for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
      const body = await readJson(req);
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        authorization: req.headers.authorization,
        body,
      });
      const route = `${req.method} ${url.pathname}`;
      const provider = encodeURIComponent(options.provider);

      if (route === 'GET /') {
        return send(res, 200, {
          _links: {
            'pb:publish-contracts': { href: `${base}/contracts/publish` },
            'pb:provider-pacts-for-verification': {
              href: `${base}/pacts/provider/{provider}/for-verification`,
              templated: true,
            },
            'pb:pacticipant-version': {
              href: `${base}/pacticipants/{pacticipant}/versions/{version}`,
              templated: true,
            },
            'pb:environments': { href: `${base}/environments` },
          },
        });
      }
      if (route === 'POST /contracts/publish')
        return send(res, 200, { notices: [{ type: 'success', text: 'published' }] });
      if (route === `GET /pacts/provider/${provider}/for-verification`) {
        // The Pact core first fetches the resource, then posts its selectors to the resource's self link.
        return send(res, 200, { _links: { self: { href: `${base}${url.pathname}` } } });
      }
      if (route === `POST /pacts/provider/${provider}/for-verification`) {
        return send(res, 200, {
          _embedded: {
            pacts: pacts.map((p) => ({
              shortDescription: `latest from ${p.consumer}`,
              verificationProperties: { pending: false, notices: [] },
              _links: {
                self: {
                  href: `${base}/pacts/provider/${provider}/consumer/${p.consumer}/pact-version/${p.versionId}`,
                  name: `Pact between ${p.consumer} and ${options.provider}`,
                },
              },
            })),
          },
        });
      }
      const pactPath = new RegExp(
        `^/pacts/provider/${provider}/consumer/([^/]+)/pact-version/([^/]+)(/verification-results)?$`,
      ).exec(url.pathname);
      const pact = pacts.find((p) => p.consumer === pactPath?.[1] && p.versionId === pactPath[2]);
      if (pact && req.method === 'GET' && !pactPath?.[3]) {
        return send(res, 200, {
          ...pact.content,
          _links: {
            'pb:provider': { href: `${base}/pacticipants/${provider}` },
            'pb:publish-verification-results': {
              href: `${base}/pacts/provider/${provider}/consumer/${pact.consumer}/pact-version/${pact.versionId}/verification-results`,
            },
          },
        });
      }
      if (pact && req.method === 'POST' && pactPath?.[3]) {
        return options.refuseVerificationResults
          ? send(res, 403, { error: 'this token may not publish verification results' })
          : send(res, 201, { success: true });
      }
      if (route === `GET /pacticipants/${provider}`) {
        // Before publishing, the Pact core records the provider version on its branch through this link.
        return send(res, 200, {
          name: options.provider,
          _links: {
            'pb:branch-version': {
              href: `${base}/pacticipants/${provider}/branches/{branch}/versions/{version}`,
              templated: true,
            },
          },
        });
      }
      if (
        req.method === 'PUT' &&
        /^\/pacticipants\/[^/]+\/branches\/[^/]+\/versions\/[^/]+$/.test(url.pathname)
      ) {
        return send(res, 200, {});
      }
      if (route === 'GET /matrix') {
        const ok = options.deployable ?? true;
        return send(res, 200, {
          summary: {
            deployable: ok,
            reason: ok
              ? 'All required verification results are published and successful'
              : 'There is no verified pact between hasivu-mobile (deployed in production) and hasivu-platform',
            success: ok ? 2 : 1,
            failed: 0,
            unknown: ok ? 0 : 1,
          },
          matrix: [],
        });
      }
      const versionPath = /^\/pacticipants\/([^/]+)\/versions\/([^/]+)$/.exec(url.pathname);
      if (route.startsWith('GET ') && versionPath) {
        return send(res, 200, {
          number: decodeURIComponent(versionPath[2] ?? ''),
          _links: {
            'pb:record-deployment': Object.entries(environments).map(([name, uuid]) => ({
              name,
              href: `${base}${url.pathname}/deployed-versions/environment/${uuid}`,
            })),
          },
        });
      }
      if (
        req.method === 'POST' &&
        /^\/pacticipants\/[^/]+\/versions\/[^/]+\/deployed-versions\/environment\/[^/]+$/.test(
          url.pathname,
        )
      ) {
        return send(res, 201, { uuid: randomUUID(), currentlyDeployed: true });
      }
      unexpected.push(route);
      return send(res, 404, { error: `the stub does not know ${route}` });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: base, requests, unexpected, close, [Symbol.asyncDispose]: close };
}
