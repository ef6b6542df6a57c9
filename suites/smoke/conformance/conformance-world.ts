import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { ApiClient, RequestOptions } from '../../../fixtures/api-client/api-client.ts';
import { jsonBody, TargetResponseError, type ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import type { ResolvedEnvironment } from '../../../fixtures/environments/resolve-profile.ts';
import {
  MenuSchema,
  OrderSchema,
  PaymentIntentSchema,
  type Menu,
  type Order,
  type PaymentIntent,
} from '../../../fixtures/platform-contract/business.ts';
import { paymentCapturedEvent, signWebhook } from '../../../fixtures/platform-contract/webhook.ts';
import type { Session } from '../../fixtures.ts';
import {
  only200,
  openParentSession,
  orderBody,
  type OrderBody,
  type SessionClient,
} from '../../../fixtures/demo-parent/parent-session.ts';
import type { ServiceControl } from '../../../fixtures/services/service-control/service-control-client.ts';
import { CoverageLedger } from './coverage-ledger.ts';
import { NoSecondIdentity, Unmet } from './unmet.ts';
import { answersDuringCacheOutage, type OutageAnswers } from './dependency-outage.ts';
import { isoDate } from '../../../common/iso-date.ts';

export interface PlacedOrder {
  order: Order;
  key: string;
  body: OrderBody;
  token: string;
}

function expect201<T>(response: ApiResponse, parse: (body: unknown) => T, what: string): T {
  if (response.status !== 201) {
    throw new TargetResponseError(
      `${what}: ${response.method} ${response.path} answered ${response.status}, expected 201`,
    );
  }
  return parse(jsonBody(response));
}

/**
 * What the conformance checks of one file share: the client, the session (once a check
 * that needs it has it), every response seen (for the promises that hold for every
 * response), the coverage ledger, and the data a check needs made once (an order, a paid
 * order, a second user).
 */
export class ConformanceWorld {
  readonly responses: ApiResponse[] = [];
  readonly ledger = new CoverageLedger();
  readonly #memo = new Map<string, Promise<unknown>>();

  readonly client: ApiClient;
  readonly environment: ResolvedEnvironment;
  #session: Session | undefined;

  constructor(client: ApiClient, environment: ResolvedEnvironment) {
    this.client = client;
    this.environment = environment;
  }

  /** The smoke account's session, given by the first check that asked for it. */
  get session(): Session {
    if (!this.#session) {
      throw new Error(
        'this check uses the session without asking for the session fixture; only signed-out provokers may do without it',
      );
    }
    return this.#session;
  }

  /** Checks that need the account hand over the file's session; signed-out checks never wait for a login. */
  signedIn(session: Session): this {
    this.#session = session;
    return this;
  }

  /** The world's client for a session's calls: every answer joins `responses`, as with `send`. */
  readonly #recorded: SessionClient = {
    get: (path, options) => this.send('GET', path, options),
    post: (path, body, options = {}) => this.send('POST', path, { ...options, body }),
  };

  async send(method: Dispatcher.HttpMethod, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const response = await this.client.send(method, path, options);
    this.responses.push(response);
    return response;
  }

  #once<T>(name: string, make: () => Promise<T>): Promise<T> {
    let found = this.#memo.get(name) as Promise<T> | undefined;
    if (!found) {
      found = make();
      this.#memo.set(name, found);
    }
    return found;
  }

  /** One answer per health endpoint, judged by both its 200 and its 503 check. */
  health(path: string): Promise<ApiResponse> {
    return this.#once(`health ${path}`, () => this.send('GET', path));
  }

  /** What the health endpoints answered during one Redis outage, shared by their 503 checks. */
  cacheOutageAnswers(control: ServiceControl): Promise<OutageAnswers> {
    return this.#once('cache outage', () => answersDuringCacheOutage(this, control));
  }

  menu(): Promise<Menu> {
    return this.#once('menu', async () => {
      const response = await this.send(
        'GET',
        `/schools/${this.session.user.schoolId}/menus?date=${isoDate(new Date())}`,
        {
          token: this.session.token,
        },
      );
      if (response.status !== 200) throw new Unmet(`needs today's menu, which answered ${response.status}`);
      return MenuSchema.parse(jsonBody(response));
    });
  }

  /** A fresh order of `session` (the smoke parent unless given), with the key and body that made it. */
  async placeOrder(session: Pick<Session, 'token' | 'studentId'> = this.session): Promise<PlacedOrder> {
    const menu = await this.menu();
    const item = menu.items.find((candidate) => candidate.available);
    if (!item) throw new Unmet(`needs an available item on the menu of ${menu.date}`);
    const body = orderBody(session, menu.date, item.id);
    const key = randomUUID();
    const response = await this.send('POST', '/orders', {
      body,
      token: session.token,
      headers: { 'idempotency-key': key },
    });
    const order = expect201(response, (body) => OrderSchema.parse(body), 'placing an order for this check');
    return { order, key, body, token: session.token };
  }

  ownOrder(): Promise<PlacedOrder> {
    return this.#once('own-order', () => this.placeOrder());
  }

  async createIntent(orderId: string, token = this.session.token): Promise<PaymentIntent> {
    const response = await this.send('POST', '/payments/intents', { body: { orderId }, token });
    return expect201(response, (body) => PaymentIntentSchema.parse(body), 'creating a payment intent for this check');
  }

  /** The signed payment.captured event for an intent, sent as Razorpay would; `replay` sends the same bytes again. */
  async capture(intent: PaymentIntent): Promise<{ response: ApiResponse; replay: () => Promise<ApiResponse> }> {
    const secret = this.environment.secrets.webhookSecret;
    if (!secret) throw new Unmet('HARNESS_WEBHOOK_SECRET is not set, so no webhook can be signed');
    const raw = paymentCapturedEvent(intent.providerOrderId, intent.amountMinor, `pay_${randomUUID().slice(0, 14)}`);
    const deliver = (): Promise<ApiResponse> =>
      this.send('POST', '/payments/webhook', {
        body: raw,
        headers: { 'x-razorpay-signature': signWebhook(raw, secret) },
      });
    return { response: await deliver(), replay: deliver };
  }

  /** An order that a signed webhook has paid, with the webhook's answer and a way to replay it. */
  paidOrder(): Promise<{
    order: Order;
    intent: PaymentIntent;
    webhook: ApiResponse;
    replay: () => Promise<ApiResponse>;
  }> {
    return this.#once('paid-order', async () => {
      const { order } = await this.placeOrder();
      const intent = await this.createIntent(order.id);
      const { response, replay } = await this.capture(intent);
      return { order, intent, webhook: response, replay };
    });
  }

  /** The status of one of the smoke account's orders, or why it could not be read. */
  async orderStatus(orderId: string): Promise<string> {
    const read = await this.send('GET', `/orders/${orderId}`, { token: this.session.token });
    return read.status === 200 ? OrderSchema.parse(jsonBody(read)).status : `unreadable (${read.status})`;
  }

  /** An order of the second identity, placed with its own key and body. */
  theirOrder(): Promise<PlacedOrder> {
    return this.#once('their-order', async () => this.placeOrder(await this.secondSession()));
  }

  /** An order of the second identity with a payment intent it created itself. */
  theirOrderWithIntent(): Promise<PlacedOrder & { intent: PaymentIntent }> {
    return this.#once('their-order-with-intent', async () => {
      const other = await this.secondSession();
      const placed = await this.placeOrder(other);
      return { ...placed, intent: await this.createIntent(placed.order.id, other.token) };
    });
  }

  /** HARNESS_SECOND_USER_EMAIL / _PASSWORD logged in, or Unmet when they are not given. */
  secondSession(): Promise<Session> {
    return this.#once('second-session', async () => {
      const email = process.env.HARNESS_SECOND_USER_EMAIL;
      const password = process.env.HARNESS_SECOND_USER_PASSWORD;
      if (!email || !password) {
        throw new NoSecondIdentity(
          'no second identity: set HARNESS_SECOND_USER_EMAIL and HARNESS_SECOND_USER_PASSWORD to check that users cannot see each other’s data',
        );
      }
      const second = await openParentSession(
        this.#recorded,
        { email, password },
        {
          loginPath: this.environment.profile.auth.loginPath,
          judgeLogin: only200(
            (response) =>
              new TargetResponseError(
                `the second identity ${email} could not log in (${response.status}); check HARNESS_SECOND_USER_PASSWORD`,
              ),
          ),
          noStudent: () => new Unmet(`the second identity ${email} has no student to order for`),
        },
      );
      if (second.userId === this.session.user.id)
        throw new Unmet(`the second identity ${email} is the smoke account itself`);
      return second;
    });
  }
}
