import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small in-memory server honouring the parts of PLATFORM-API.md the consumers use.
 * It stands in for "another deployment" in tests, and it can drift on purpose:
 * - `renamed-field`: orders say `totalAmount` instead of `totalMinor`
 * - `changed-status`: POST /orders answers 200 instead of 201
 * - `removed-endpoint`: POST /payments/intents is gone (404)
 */
export type Drift = 'renamed-field' | 'changed-status' | 'removed-endpoint';

export interface FakePlatformOptions {
  drift?: Drift;
  email?: string;
  password?: string;
  webhookSecret?: string;
  /** After this many requests every connection is reset, as when a deployment dies mid-run. */
  dieAfterRequests?: number;
}

export interface StartedFakePlatform extends AsyncDisposable {
  url: string;
  email: string;
  password: string;
  webhookSecret: string;
  /** Requests seen, as "METHOD /path", for assertions about what a run did. */
  requests: string[];
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
  ownerId: string;
}

const SCHOOL_ID = '2f5b1c9e-8d7a-4e3b-9c1f-0a6d5e4b3c2a';
const MENU = [
  {
    id: '0d9c8b7a-6f5e-4d3c-8b2a-19f8e7d6c5b4',
    name: 'Lemon Rice',
    category: 'lunch',
    priceMinor: 5500,
    allergens: ['peanut'],
  },
  {
    id: '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6',
    name: 'Banana',
    category: 'snack',
    priceMinor: 1500,
    allergens: [],
  },
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': type, 'x-request-id': randomUUID() });
  res.end(JSON.stringify(body));
}

const fail = (
  res: ServerResponse,
  status: number,
  code: string,
  details?: Record<string, string[]>,
) =>
  send(res, status, {
    error: {
      code,
      message: code.toLowerCase().replace(/_/g, ' '),
      requestId: randomUUID(),
      details,
    },
  });

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parse(raw: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function startFakePlatform(
  options: FakePlatformOptions = {},
): Promise<StartedFakePlatform> {
  const email = options.email ?? 'parent@fake.hasivu.test';
  const password = options.password ?? 'fake-parent-password';
  const webhookSecret = options.webhookSecret ?? 'fake-webhook-secret';
  const parent = { id: randomUUID(), studentId: randomUUID(), studentName: 'Ravi Fake' };
  const tokens = new Set<string>();
  const orders = new Map<string, Order>();
  const byKey = new Map<string, string>();
  const intents = new Map<string, string>(); // providerOrderId → orderId
  const requests: string[] = [];

  const view = (o: Order) => {
    const { ownerId: _owner, totalMinor, ...rest } = o;
    return options.drift === 'renamed-field'
      ? { ...rest, totalAmount: totalMinor }
      : { ...rest, totalMinor };
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const route = `${req.method ?? 'GET'} ${url.pathname}`;
      requests.push(route);
      if (options.dieAfterRequests !== undefined && requests.length > options.dieAfterRequests) {
        req.socket.destroy();
        return;
      }
      const raw = await readBody(req);
      if (route === 'GET /health/live')
        return send(res, 200, { status: 'pass', version: '1' }, 'application/health+json');
      if (route === 'POST /auth/login') {
        const body = parse(raw);
        if (body.email !== email || body.password !== password)
          return fail(res, 401, 'INVALID_CREDENTIALS');
        const token = [
          'fake',
          randomBytes(12).toString('base64url'),
          randomBytes(12).toString('base64url'),
        ].join('.');
        tokens.add(token);
        return send(res, 200, {
          accessToken: token,
          tokenType: 'Bearer',
          expiresIn: 3600,
          user: {
            id: parent.id,
            role: 'parent',
            schoolId: SCHOOL_ID,
            students: [{ id: parent.studentId, name: parent.studentName }],
          },
        });
      }
      if (route === 'POST /payments/webhook') {
        const expected = createHmac('sha256', webhookSecret).update(raw).digest();
        const given = Buffer.from(String(req.headers['x-razorpay-signature'] ?? ''), 'hex');
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
          return fail(res, 401, 'INVALID_SIGNATURE');
        const event = parse(raw) as { payload?: { payment?: { entity?: { order_id?: string } } } };
        const order = orders.get(intents.get(event.payload?.payment?.entity?.order_id ?? '') ?? '');
        if (order) order.status = 'paid';
        return send(res, 200, { received: true });
      }
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !tokens.has(token)) return fail(res, 401, 'UNAUTHENTICATED');

      const menu = /^\/schools\/([^/]+)\/menus$/.exec(url.pathname);
      if (req.method === 'GET' && menu) {
        const date = url.searchParams.get('date') ?? '';
        if (!DATE.test(date))
          return fail(res, 400, 'VALIDATION_FAILED', { date: ['must be YYYY-MM-DD'] });
        if (menu[1] !== SCHOOL_ID) return fail(res, 404, 'NOT_FOUND');
        return send(res, 200, {
          schoolId: SCHOOL_ID,
          date,
          items: MENU.map((m) => ({ ...m, currency: 'INR', available: true })),
        });
      }
      if (route === 'POST /orders') {
        const body = parse(raw) as {
          studentId?: string;
          deliveryDate?: string;
          items?: { menuItemId: string; quantity: number }[];
        };
        const key = String(req.headers['idempotency-key'] ?? '');
        const items = Array.isArray(body.items) ? body.items : [];
        if (
          !key ||
          items.length === 0 ||
          body.studentId !== parent.studentId ||
          !DATE.test(body.deliveryDate ?? '')
        ) {
          return fail(
            res,
            400,
            'VALIDATION_FAILED',
            items.length === 0
              ? { items: ['must contain at least 1 item'] }
              : { body: ['invalid'] },
          );
        }
        const first = orders.get(byKey.get(key) ?? '');
        if (first) return send(res, 201, view(first));
        const totalMinor = items.reduce(
          (sum, i) => sum + (MENU.find((m) => m.id === i.menuItemId)?.priceMinor ?? 0) * i.quantity,
          0,
        );
        const order: Order = {
          id: randomUUID(),
          status: 'pending_payment',
          studentId: parent.studentId,
          deliveryDate: body.deliveryDate ?? '',
          items,
          totalMinor,
          currency: 'INR',
          createdAt: new Date().toISOString(),
          ownerId: parent.id,
        };
        orders.set(order.id, order);
        byKey.set(key, order.id);
        return send(res, options.drift === 'changed-status' ? 200 : 201, view(order));
      }
      const orderMatch = /^\/orders\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && orderMatch) {
        const order = orders.get(orderMatch[1] ?? '');
        return order ? send(res, 200, view(order)) : fail(res, 404, 'NOT_FOUND');
      }
      if (route === 'POST /payments/intents' && options.drift !== 'removed-endpoint') {
        const orderId = parse(raw).orderId;
        const order = typeof orderId === 'string' ? orders.get(orderId) : undefined;
        if (!order) return fail(res, 404, 'NOT_FOUND');
        if (order.status === 'paid') return fail(res, 409, 'ORDER_ALREADY_PAID');
        const providerOrderId = `order_${randomBytes(7).toString('hex')}`;
        intents.set(providerOrderId, order.id);
        return send(res, 201, {
          id: randomUUID(),
          orderId: order.id,
          provider: 'razorpay',
          providerOrderId,
          amountMinor: order.totalMinor,
          currency: 'INR',
          status: 'created',
        });
      }
      return fail(res, 404, 'NOT_FOUND');
    })().catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    email,
    password,
    webhookSecret,
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}
