import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A contract-shaped stand-in for the platform, held in memory: the bare `node:http`
 * baseline of the benchmarks, and the hostile servers of the load tests (slow on
 * one endpoint, or failing a share of requests). It answers only what the load
 * scenarios use, on 127.0.0.1.
 */
export interface StubOptions {
  /** Extra delay per endpoint tag name (e.g. `{ menus: 2500 }`), to play a slow platform. */
  delayMs?: Partial<Record<string, number>>;
  /** Answer every Nth loaded request with 500 (20 → 5 %); login is spared so the run can start. */
  failEvery?: number;
  port?: number;
}

export interface StartedStub extends AsyncDisposable {
  url: string;
  credentials: { email: string; password: string };
  /** Requests answered so far, by endpoint tag name. */
  counts: Map<string, number>;
  close(): Promise<void>;
}

const EMAIL = 'parent@demo.hasivu.test';
const PASSWORD = 'stub-parent-password';
const TOKEN = 'stub-access-token-0123456789';
const MENU = ['idli', 'dosa', 'upma', 'poha'].map((name, i) => ({
  id: `item-${i + 1}`,
  name,
  category: 'breakfast',
  priceMinor: 3000 + i * 500,
  currency: 'INR',
  available: true,
  allergens: [],
}));

interface Route {
  name: string;
  match: (method: string, path: string) => RegExpMatchArray | null | boolean;
  handle: (ctx: {
    body: string;
    match: RegExpMatchArray | null | boolean;
    req: IncomingMessage;
  }) => [number, unknown];
}

function json(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(text),
    'x-request-id': `stub-${Date.now()}`,
  });
  res.end(text);
}

function routes(): Route[] {
  const orders = new Map<string, { id: string; body: string; order: Record<string, unknown> }>();
  let nextOrder = 1;
  const health = { status: 'pass', version: '1', releaseId: 'stub', serviceId: 'hasivu-platform' };
  return [
    {
      name: 'login',
      match: (m, p) => m === 'POST' && p === '/auth/login',
      handle: ({ body }) => {
        const { email, password } = JSON.parse(body || '{}') as {
          email?: string;
          password?: string;
        };
        if (email !== EMAIL || password !== PASSWORD)
          return [401, { error: { code: 'INVALID_CREDENTIALS', message: 'no', requestId: 'x' } }];
        const user = {
          id: 'parent-1',
          role: 'parent',
          schoolId: 'school-1',
          students: [{ id: 'student-1', name: 'Asha' }],
        };
        return [200, { accessToken: TOKEN, tokenType: 'Bearer', expiresIn: 3600, user }];
      },
    },
    {
      name: 'health',
      match: (m, p) => m === 'GET' && p === '/health',
      handle: () => [200, health],
    },
    {
      name: 'health-ready',
      match: (m, p) => m === 'GET' && p === '/health/ready',
      handle: () => [200, health],
    },
    {
      name: 'menus',
      match: (m, p) => m === 'GET' && p.match(/^\/schools\/([^/]+)\/menus$/),
      handle: ({ req }) => [
        200,
        {
          schoolId: 'school-1',
          date: new URL(req.url ?? '/', 'http://x').searchParams.get('date'),
          items: MENU,
        },
      ],
    },
    {
      name: 'order-create',
      match: (m, p) => m === 'POST' && p === '/orders',
      handle: ({ body, req }) => {
        const key = String(req.headers['idempotency-key'] ?? '');
        const seen = orders.get(key);
        if (seen)
          return seen.body === body
            ? [200, seen.order]
            : [409, { error: { code: 'IDEMPOTENCY_CONFLICT', message: 'x', requestId: 'x' } }];
        const parsed = JSON.parse(body) as Record<string, unknown>;
        const id = `order-${nextOrder++}`;
        const order = {
          id,
          status: 'pending_payment',
          ...parsed,
          totalMinor: 3000,
          currency: 'INR',
          createdAt: new Date().toISOString(),
        };
        orders.set(key, { id, body, order });
        orders.set(id, { id, body, order });
        return [201, order];
      },
    },
    {
      name: 'order-get',
      match: (m, p) => m === 'GET' && p.match(/^\/orders\/([^/]+)$/),
      handle: ({ match }) => {
        const found = orders.get(Array.isArray(match) ? (match[1] ?? '') : '');
        return found
          ? [200, found.order]
          : [404, { error: { code: 'NOT_FOUND', message: 'x', requestId: 'x' } }];
      },
    },
    {
      name: 'payment-intent',
      match: (m, p) => m === 'POST' && p === '/payments/intents',
      handle: ({ body }) => {
        const { orderId } = JSON.parse(body) as { orderId: string };
        return [
          201,
          {
            id: `pi-${orderId}`,
            orderId,
            provider: 'razorpay',
            providerOrderId: `order_${orderId}`,
            amountMinor: 3000,
            currency: 'INR',
            status: 'created',
          },
        ];
      },
    },
  ];
}

export async function startStubPlatform(options: StubOptions = {}): Promise<StartedStub> {
  const table = routes();
  const counts = new Map<string, number>();
  let loaded = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://stub').pathname;
      const method = req.method ?? 'GET';
      const route = table.find((r) => r.match(method, path));
      if (!route)
        return json(res, 404, { error: { code: 'NOT_FOUND', message: path, requestId: 'x' } });
      counts.set(route.name, (counts.get(route.name) ?? 0) + 1);
      const answer = (): void => {
        if (route.name !== 'login' && options.failEvery && ++loaded % options.failEvery === 0) {
          return json(res, 500, {
            error: { code: 'INTERNAL', message: 'injected failure', requestId: 'x' },
          });
        }
        const match = route.match(method, path);
        const [status, body] = route.handle({
          body: Buffer.concat(chunks).toString('utf8'),
          match,
          req,
        });
        json(
          res,
          status,
          body,
          route.name.startsWith('health') ? 'application/health+json' : 'application/json',
        );
      };
      const delay = options.delayMs?.[route.name] ?? 0;
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    credentials: { email: EMAIL, password: PASSWORD },
    counts,
    close,
    [Symbol.asyncDispose]: close,
  };
}
