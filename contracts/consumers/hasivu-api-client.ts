/**
 * The HTTP calls a HASIVU front end makes, reduced to what the web and mobile apps do.
 * Consumer tests drive this client against Pact's mock server, so a pact records the
 * requests a real client sends, not hand-written ones.
 */
export interface ApiResponse<T> {
  status: number;
  contentType: string | null;
  body: T;
}

/** The platform's error shape (PLATFORM-API.md): the apps branch on `code`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface ClientOptions {
  baseUrl: string;
  accessToken?: string;
  /** Every call has a deadline; a hung mock server fails the test instead of the run. */
  timeoutMs?: number;
}

interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  authenticated?: boolean;
}

async function call<T>(
  client: ClientOptions,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  // Appended, not resolved: `new URL(path, base)` would drop a base path such as /staging.
  const url = new URL(`${client.baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.authenticated !== false && client.accessToken) headers.authorization = `Bearer ${client.accessToken}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(client.timeoutMs ?? 5_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export interface LoginBody {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  user: { id: string; role: string; schoolId: string; students: { id: string; name: string }[] };
}

export interface MenuBody {
  schoolId: string;
  date: string;
  items: {
    id: string;
    name: string;
    category: string;
    priceMinor: number;
    currency: string;
    available: boolean;
    allergens: string[];
  }[];
}

export interface OrderBody {
  id: string;
  status: string;
  studentId: string;
  deliveryDate: string;
  items: { menuItemId: string; quantity: number }[];
  totalMinor: number;
  currency: string;
  createdAt: string;
}

export interface PaymentIntentBody {
  id: string;
  orderId: string;
  provider: string;
  providerOrderId: string;
  amountMinor: number;
  currency: string;
  status: string;
}

export interface NewOrder {
  studentId: string;
  deliveryDate: string;
  items: { menuItemId: string; quantity: number }[];
}

/** Each call is generic so an error interaction can read the error envelope instead. */
export const hasivuApi = {
  login: <T = LoginBody>(c: ClientOptions, email: string, password: string) =>
    call<T>(c, 'POST', '/auth/login', { body: { email, password }, authenticated: false }),
  menu: <T = MenuBody>(c: ClientOptions, schoolId: string, date: string) =>
    call<T>(c, 'GET', `/schools/${encodeURIComponent(schoolId)}/menus`, { query: { date } }),
  /** The apps make one Idempotency-Key per checkout, so a retried tap never orders twice. */
  placeOrder: <T = OrderBody>(c: ClientOptions, order: NewOrder, idempotencyKey: string) =>
    call<T>(c, 'POST', '/orders', { body: order, headers: { 'idempotency-key': idempotencyKey } }),
  order: <T = OrderBody>(c: ClientOptions, orderId: string) =>
    call<T>(c, 'GET', `/orders/${encodeURIComponent(orderId)}`),
  createPaymentIntent: <T = PaymentIntentBody>(c: ClientOptions, orderId: string) =>
    call<T>(c, 'POST', '/payments/intents', { body: { orderId } }),
  liveness: <T = { status: string }>(options: ClientOptions) =>
    call<T>(options, 'GET', '/health/live', {
      authenticated: false,
      headers: { accept: 'application/health+json' },
    }),
};
