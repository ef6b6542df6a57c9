import { createHmac, randomUUID } from 'node:crypto';
import type { Target } from '../../runner/target.ts';
import { preview } from '../../common/redact.ts';
import { waitFor } from '../../common/wait-for.ts';
import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { jsonBody, type ApiResponse } from '../../fixtures/api-client/api-response.ts';
import {
  availableMenuItem,
  openParentSession,
  orderBody,
  tomorrow,
} from '../../fixtures/demo-parent/parent-session.ts';
import type { LoginResponse, Menu } from '../../fixtures/platform-contract/business.ts';

export interface ParentSession {
  accessToken: string;
  email: string;
  password: string;
  schoolId: string;
  studentId: string;
}

/**
 * Any 2xx will do: setting a state up is not the place to judge the contract (the
 * interactions do that), and a strict check here would turn one drift into many errors.
 */
function expectSuccess(response: ApiResponse, doing: string): unknown {
  if (response.status < 200 || response.status > 299) {
    throw new Error(
      `${doing}: ${response.method} ${response.path} answered ${response.status}: ${preview(response.text, 200)}`,
    );
  }
  return jsonBody(response);
}

/**
 * The target as the state handlers use it: through its public API, as the parent
 * account the profile names. One login per verification run; the token also goes
 * into the verifier's requests through the request filter.
 */
export class PlatformSession {
  readonly #client: ApiClient;
  readonly #target: Target;
  #session: Promise<ParentSession> | undefined;

  constructor(client: ApiClient, target: Target) {
    this.#client = client;
    this.#target = target;
  }

  parent(): Promise<ParentSession> {
    this.#session ??= this.#login().catch((error: unknown) => {
      this.#session = undefined; // a later state may retry a login that failed transiently
      throw error;
    });
    return this.#session;
  }

  async #login(): Promise<ParentSession> {
    const { email, password } = this.#target.credentials;
    if (!password) throw new Error('no password for the parent account (HARNESS_USER_PASSWORD)');
    const session = await openParentSession(
      this.#client,
      { email, password },
      {
        judgeLogin: (response) => expectSuccess(response, 'logging in'),
        readLogin: (response) => jsonBody(response) as LoginResponse,
        noStudent: () => new Error(`the parent ${email} has no student; the contract states need one`),
      },
    );
    return {
      accessToken: session.token,
      email,
      password,
      schoolId: session.schoolId,
      studentId: session.studentId,
    };
  }

  /** An available item on tomorrow's menu of the parent's school. */
  async menuItem(): Promise<{
    schoolId: string;
    menuDate: string;
    menuItemId: string;
    priceMinor: number;
  }> {
    const { accessToken, schoolId } = await this.parent();
    const menuDate = tomorrow();
    const item = await availableMenuItem(this.#client, { token: accessToken, schoolId }, menuDate, {
      judgeMenu: (response) => expectSuccess(response, "reading tomorrow's menu"),
      readMenu: (response) => jsonBody(response) as Pick<Menu, 'items'>,
      noAvailableItem: () => new Error(`school ${schoolId} has no available menu item on ${menuDate}`),
    });
    return { schoolId, menuDate, menuItemId: item.id, priceMinor: item.priceMinor };
  }

  /** A new order awaiting payment, with a fresh Idempotency-Key so it is never a replay. */
  async placeOrder(): Promise<string> {
    const { accessToken, studentId } = await this.parent();
    const { menuDate, menuItemId } = await this.menuItem();
    const response = await this.#client.post('/orders', orderBody({ studentId }, menuDate, menuItemId), {
      token: accessToken,
      headers: { 'idempotency-key': `contract-${randomUUID()}` },
    });
    return (expectSuccess(response, 'placing an order') as { id: string }).id;
  }

  /** Pays an order the way Razorpay does: a signed `payment.captured` webhook. */
  async payOrder(orderId: string, webhookSecret: string): Promise<void> {
    const { accessToken } = await this.parent();
    const intent = expectSuccess(
      await this.#client.post('/payments/intents', { orderId }, { token: accessToken }),
      'creating a payment intent',
    ) as { providerOrderId: string; amountMinor: number; currency: string };
    const event = JSON.stringify({
      event: 'payment.captured',
      payload: {
        payment: {
          entity: {
            id: `pay_contract${randomUUID().replace(/-/g, '').slice(0, 12)}`,
            order_id: intent.providerOrderId,
            amount: intent.amountMinor,
            currency: intent.currency,
          },
        },
      },
    });
    const signature = createHmac('sha256', webhookSecret).update(event).digest('hex');
    expectSuccess(
      await this.#client.post('/payments/webhook', event, {
        headers: { 'x-razorpay-signature': signature },
      }),
      'sending the payment.captured webhook',
    );
    // A deployment may apply the webhook asynchronously (a queue behind it): wait for the effect.
    await waitFor(
      `order ${orderId} to become paid`,
      async () => {
        const order = jsonBody(await this.#client.get(`/orders/${orderId}`, { token: accessToken })) as {
          status?: string;
        };
        return order.status === 'paid' ? true : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
  }
}
