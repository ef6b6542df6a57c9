import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The ways a fake platform can break PLATFORM-API.md, one per hostile-server test.
 * `none` honours the contract, which proves the fake itself is a fair baseline.
 */
export const BREAKAGES = [
  'none',
  'wrong-status',
  'schema-violation',
  'slow-health',
  'missing-auth',
  'broken-idempotency',
  'unsigned-webhook-accepted',
  'amount-mismatch',
  'dropped-order',
  'non-json-body',
  'hanging-response',
  'missing-request-id',
  'reflects-secrets',
] as const;
export type Breakage = (typeof BREAKAGES)[number];

export interface FakePlatformOptions {
  breakage: Breakage;
  email: string;
  password: string;
  webhookSecret: string;
  /** Token prefix, so a test can plant a recognisable canary in issued tokens. */
  tokenPrefix?: string;
}

export interface FakePlatform extends AsyncDisposable {
  url: string;
  close(): Promise<void>;
}

interface Order {
  id: string;
  status: 'pending_payment' | 'paid';
  studentId: string;
  deliveryDate: string;
  items: { menuItemId: string; quantity: number }[];
  totalMinor: number;
  currency: 'INR';
  createdAt: string;
}

const SCHOOL = 'school-1';
const STUDENT = 'student-1';
const MENU = [
  { id: 'item-idli', name: 'Idli sambar', category: 'breakfast', priceMinor: 4500, currency: 'INR', available: true, allergens: [] },
  { id: 'item-curd-rice', name: 'Curd rice', category: 'lunch', priceMinor: 6000, currency: 'INR', available: true, allergens: ['milk'] },
];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts an in-memory HASIVU on 127.0.0.1 that breaks the contract as told. */
export async function startFakePlatform(options: FakePlatformOptions): Promise<FakePlatform> {
  const { breakage } = options;
  const tokens = new Map<string, string>();
  const orders = new Map<string, Order>();
  const byKey = new Map<string, { body: string; orderId: string }>();
  const intents = new Map<string, { orderId: string; providerOrderId: string }>();
  const hanging = new Set<ServerResponse>();

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
    const headers: Record<string, string> = { 'content-type': type };
    if (breakage !== 'missing-request-id') headers['x-request-id'] = randomUUID();
    res.writeHead(status, headers).end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, code: string, message: string): void =>
    send(res, status, { error: { code, message, requestId: randomUUID() } });
  const health = (res: ServerResponse, withChecks: boolean, req: IncomingMessage): void => {
    const time = new Date().toISOString();
    const check = (componentType: string, observedValue: number, observedUnit: string) => [
      { componentType, observedValue, observedUnit, status: 'pass', time },
    ];
    const body = {
      status: 'pass',
      version: '1',
      releaseId: 'fake-1',
      serviceId: 'hasivu-platform',
      ...(withChecks
        ? {
            checks: {
              'database:responseTime': check('datastore', 1, 'ms'),
              'cache:responseTime': check('datastore', 1, 'ms'),
              'storage:responseTime': check('datastore', 1, 'ms'),
              'memory:utilization': check('system', 20, 'percent'),
            },
          }
        : {}),
    };
    if (breakage === 'reflects-secrets') {
      // A badly behaved target that echoes credentials back in an error body.
      send(res, 503, { status: 'fail', description: `debug: auth=${req.headers.authorization ?? ''} password=${options.password} secret=${options.webhookSecret}` }, 'application/health+json');
      return;
    }
    send(res, 200, body, 'application/health+json');
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname;
      const raw = await readBody(req);
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      const user = token ? tokens.get(token) : undefined;

      if (req.method === 'GET' && path === '/health') {
        if (breakage === 'slow-health') {
          setTimeout(() => health(res, true, req), 250);
          return;
        }
        return health(res, true, req);
      }
      if (req.method === 'GET' && path === '/health/live') {
        if (breakage === 'non-json-body') return send(res, 200, '<html><body>OK</body></html>', 'text/html');
        return health(res, false, req);
      }
      if (req.method === 'GET' && path === '/health/ready') return health(res, false, req);
      if (req.method === 'GET' && path === '/health/startup') {
        if (breakage === 'hanging-response') {
          hanging.add(res);
          return;
        }
        return health(res, false, req);
      }
      if (req.method === 'POST' && path === '/auth/login') {
        const body = JSON.parse(raw || '{}') as { email?: string; password?: string };
        if (body.email !== options.email || body.password !== options.password) {
          return fail(res, 401, 'INVALID_CREDENTIALS', 'email or password is wrong');
        }
        const issued = `${options.tokenPrefix ?? 'tok'}.${randomUUID()}.${randomUUID()}`;
        tokens.set(issued, 'parent-1');
        return send(res, 200, {
          accessToken: issued,
          tokenType: 'Bearer',
          expiresIn: 3600,
          user: { id: 'parent-1', role: 'parent', schoolId: SCHOOL, students: [{ id: STUDENT, name: 'Asha' }] },
        });
      }
      if (req.method === 'POST' && path === '/payments/webhook') {
        const signature = req.headers['x-razorpay-signature'];
        const expected = createHmac('sha256', options.webhookSecret).update(raw).digest('hex');
        const valid =
          typeof signature === 'string' &&
          signature.length === expected.length &&
          timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
        const unsignedAllowed = breakage === 'unsigned-webhook-accepted' && signature === undefined;
        if (!valid && !unsignedAllowed) return fail(res, 401, 'INVALID_SIGNATURE', 'bad webhook signature');
        const event = JSON.parse(raw) as { payload: { payment: { entity: { order_id: string } } } };
        const intent = [...intents.values()].find((i) => i.providerOrderId === event.payload.payment.entity.order_id);
        const order = intent ? orders.get(intent.orderId) : undefined;
        if (order) order.status = 'paid';
        return send(res, 200, { received: true });
      }

      const menuMatch = /^\/schools\/([^/]+)\/menus$/.exec(path);
      if (!user && !(menuMatch && breakage === 'missing-auth')) {
        if (menuMatch || path.startsWith('/orders') || path.startsWith('/payments')) {
          return fail(res, 401, 'UNAUTHENTICATED', 'a bearer token is required');
        }
        return fail(res, 404, 'NOT_FOUND', `no route ${req.method ?? ''} ${path}`);
      }
      if (req.method === 'GET' && menuMatch) {
        const date = url.searchParams.get('date') ?? '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return fail(res, 400, 'VALIDATION_FAILED', 'date must be YYYY-MM-DD');
        const items = breakage === 'schema-violation' ? MENU.map((i) => ({ ...i, priceMinor: `${i.priceMinor / 100}.00` })) : MENU;
        return send(res, 200, { schoolId: menuMatch[1], date, items });
      }
      if (req.method === 'POST' && path === '/orders') {
        const key = req.headers['idempotency-key'];
        const previous = typeof key === 'string' ? byKey.get(key) : undefined;
        if (previous && breakage !== 'broken-idempotency') {
          if (previous.body !== raw) return fail(res, 409, 'IDEMPOTENCY_KEY_REUSED', 'key reused with another body');
          return send(res, 201, orders.get(previous.orderId));
        }
        const body = JSON.parse(raw || '{}') as { studentId: string; deliveryDate: string; items: { menuItemId: string; quantity: number }[] };
        const total = body.items.reduce((sum, i) => sum + (MENU.find((m) => m.id === i.menuItemId)?.priceMinor ?? 0) * i.quantity, 0);
        const order: Order = {
          id: randomUUID(),
          status: 'pending_payment',
          studentId: body.studentId,
          deliveryDate: body.deliveryDate,
          items: body.items,
          totalMinor: total,
          currency: 'INR',
          createdAt: new Date().toISOString(),
        };
        orders.set(order.id, order);
        if (typeof key === 'string') byKey.set(key, { body: raw, orderId: order.id });
        return send(res, breakage === 'wrong-status' ? 200 : 201, order);
      }
      const orderMatch = /^\/orders\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && orderMatch) {
        const order = orders.get(orderMatch[1] ?? '');
        if (!order || breakage === 'dropped-order') return fail(res, 404, 'NOT_FOUND', 'no such order');
        return send(res, 200, order);
      }
      if (req.method === 'POST' && path === '/payments/intents') {
        const { orderId } = JSON.parse(raw || '{}') as { orderId?: string };
        const order = orders.get(orderId ?? '');
        if (!order) return fail(res, 404, 'NOT_FOUND', 'no such order');
        const intent = { id: randomUUID(), orderId: order.id, providerOrderId: `order_${randomUUID().slice(0, 14)}` };
        intents.set(intent.id, intent);
        const amount = breakage === 'amount-mismatch' ? order.totalMinor + 100 : order.totalMinor;
        return send(res, 201, { ...intent, provider: 'razorpay', amountMinor: amount, currency: 'INR', status: 'created' });
      }
      return fail(res, 404, 'NOT_FOUND', `no route ${req.method ?? ''} ${path}`);
    })().catch(() => fail(res, 500, 'INTERNAL', 'fake platform error'));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}`, close, [Symbol.asyncDispose]: close };
}
