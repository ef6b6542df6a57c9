import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/** A stub's answer to one request: a status and a HAL body. */
interface Answer {
  status: number;
  body: unknown;
}

interface HeldPact {
  consumer: string;
  content: unknown;
  versionId: string;
}

/** What every route sees: the stub's fixed data and the request, its route already named. */
interface StubContext {
  options: BrokerStubOptions;
  pacts: HeldPact[];
  environments: Record<string, string>;
  /** The stub's own URL, which every HAL link starts with. */
  base: string;
  /** The provider's name as it appears in paths. */
  provider: string;
  method: string;
  url: URL;
  /** `METHOD /path`, as recorded in `unexpected` when no route knows it. */
  route: string;
}

/** One route of the broker's API: its answer, or undefined when the request is not for it. */
type Route = (context: StubContext) => Answer | undefined;

const ok = (body: unknown): Answer => ({ status: 200, body });

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function send(response: ServerResponse, { status, body }: Answer): void {
  response.writeHead(status, { 'content-type': 'application/hal+json' });
  response.end(JSON.stringify(body));
}

async function readPacts(pactFiles: string[]): Promise<HeldPact[]> {
  return Promise.all(
    pactFiles.map(async (file, index) => {
      const content = JSON.parse(await readFile(file, 'utf8')) as { consumer: { name: string } };
      return { consumer: content.consumer.name, content, versionId: `pv${index + 1}` };
    }),
  );
}

async function recordRequest(request: IncomingMessage, url: URL): Promise<RecordedRequest> {
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query,
    authorization: request.headers.authorization,
    body: await readJson(request),
  };
}

/** The index resource: the relations the harness and the Pact core start from. */
const index: Route = ({ route, base }) =>
  route === 'GET /'
    ? ok({
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
      })
    : undefined;

const publishContracts: Route = ({ route }) =>
  route === 'POST /contracts/publish' ? ok({ notices: [{ type: 'success', text: 'published' }] }) : undefined;

const pactsForVerification: Route = ({ route, base, provider, url, pacts, options }) => {
  // The Pact core first fetches the resource, then posts its selectors to the resource's self link.
  if (route === `GET /pacts/provider/${provider}/for-verification`) {
    return ok({ _links: { self: { href: `${base}${url.pathname}` } } });
  }
  if (route !== `POST /pacts/provider/${provider}/for-verification`) return undefined;
  return ok({
    _embedded: {
      pacts: pacts.map((pact) => ({
        shortDescription: `latest from ${pact.consumer}`,
        verificationProperties: { pending: false, notices: [] },
        _links: {
          self: {
            href: `${base}/pacts/provider/${provider}/consumer/${pact.consumer}/pact-version/${pact.versionId}`,
            name: `Pact between ${pact.consumer} and ${options.provider}`,
          },
        },
      })),
    },
  });
};

/** One held pact, and the verification results published for it. */
const pactVersion: Route = ({ url, method, base, provider, pacts, options }) => {
  const pactPath = new RegExp(
    `^/pacts/provider/${provider}/consumer/([^/]+)/pact-version/([^/]+)(/verification-results)?$`,
  ).exec(url.pathname);
  const pact = pacts.find((held) => held.consumer === pactPath?.[1] && held.versionId === pactPath[2]);
  if (!pact) return undefined;
  if (method === 'GET' && !pactPath?.[3]) {
    return ok({
      ...(pact.content as object),
      _links: {
        'pb:provider': { href: `${base}/pacticipants/${provider}` },
        'pb:publish-verification-results': {
          href: `${base}/pacts/provider/${provider}/consumer/${pact.consumer}/pact-version/${pact.versionId}/verification-results`,
        },
      },
    });
  }
  if (method === 'POST' && pactPath?.[3]) {
    return options.refuseVerificationResults
      ? { status: 403, body: { error: 'this token may not publish verification results' } }
      : { status: 201, body: { success: true } };
  }
  return undefined;
};

const providerPacticipant: Route = ({ route, base, provider, options }) =>
  // Before publishing, the Pact core records the provider version on its branch through this link.
  route === `GET /pacticipants/${provider}`
    ? ok({
        name: options.provider,
        _links: {
          'pb:branch-version': {
            href: `${base}/pacticipants/${provider}/branches/{branch}/versions/{version}`,
            templated: true,
          },
        },
      })
    : undefined;

const branchVersion: Route = ({ method, url }) =>
  method === 'PUT' && /^\/pacticipants\/[^/]+\/branches\/[^/]+\/versions\/[^/]+$/.test(url.pathname)
    ? ok({})
    : undefined;

const matrix: Route = ({ route, options }) => {
  if (route !== 'GET /matrix') return undefined;
  const deployable = options.deployable ?? true;
  return ok({
    summary: {
      deployable,
      reason: deployable
        ? 'All required verification results are published and successful'
        : 'There is no verified pact between hasivu-mobile (deployed in production) and hasivu-platform',
      success: deployable ? 2 : 1,
      failed: 0,
      unknown: deployable ? 0 : 1,
    },
    matrix: [],
  });
};

const pacticipantVersion: Route = ({ route, url, base, environments }) => {
  const versionPath = /^\/pacticipants\/([^/]+)\/versions\/([^/]+)$/.exec(url.pathname);
  if (!route.startsWith('GET ') || !versionPath) return undefined;
  return ok({
    number: decodeURIComponent(versionPath[2] ?? ''),
    _links: {
      'pb:record-deployment': Object.entries(environments).map(([name, uuid]) => ({
        name,
        href: `${base}${url.pathname}/deployed-versions/environment/${uuid}`,
      })),
    },
  });
};

const recordDeployment: Route = ({ method, url }) =>
  method === 'POST' &&
  /^\/pacticipants\/[^/]+\/versions\/[^/]+\/deployed-versions\/environment\/[^/]+$/.test(url.pathname)
    ? { status: 201, body: { uuid: randomUUID(), currentlyDeployed: true } }
    : undefined;

/** In the order they are tried: the first route that answers wins. */
const ROUTES: Route[] = [
  index,
  publishContracts,
  pactsForVerification,
  pactVersion,
  providerPacticipant,
  branchVersion,
  matrix,
  pacticipantVersion,
  recordDeployment,
];

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

export async function startBrokerStub(options: BrokerStubOptions): Promise<StartedBrokerStub> {
  const requests: RecordedRequest[] = [];
  const unexpected: string[] = [];
  const pacts = await readPacts(options.pactFiles);
  const environments = options.environments ?? {};
  let base = '';

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://stub');
      requests.push(await recordRequest(request, url));
      const method = request.method ?? 'GET';
      const route = `${request.method} ${url.pathname}`;
      const context: StubContext = {
        options,
        pacts,
        environments,
        base,
        provider: encodeURIComponent(options.provider),
        method,
        url,
        route,
      };
      const answer = ROUTES.reduce<Answer | undefined>((found, serve) => found ?? serve(context), undefined);
      if (answer) return send(response, answer);
      unexpected.push(route);
      return send(response, { status: 404, body: { error: `the stub does not know ${route}` } });
    })();
  });
  base = await listen(server);
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: base, requests, unexpected, close, [Symbol.asyncDispose]: close };
}
