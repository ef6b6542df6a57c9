import { HarnessError } from '../../common/harness-error.ts';
import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import {
  availableMenuItem,
  only200,
  openParentSession,
  orderBody,
  tomorrow,
  type OrderBody,
} from '../../fixtures/demo-parent/parent-session.ts';

/** A logged-in parent and an order body to send again and again, each with a new key. */
export interface OrderSession {
  token: string;
  body: OrderBody;
  expectedTotalMinor: number;
}

/**
 * Logs in as the target's demo parent and builds one valid order from tomorrow's menu. Any
 * surprise here is a target problem named as such: the drill has not started, nothing is injected.
 */
export async function openOrderSession(
  client: ApiClient,
  credentials: { email: string; password: string | undefined },
  loginPath: string,
): Promise<OrderSession> {
  const { email, password } = credentials;
  if (!password) {
    throw new HarnessError(
      'MISSING_CREDENTIALS',
      'drill traffic logs in as the demo parent: set HARNESS_USER_PASSWORD',
    );
  }
  const session = await openParentSession(
    client,
    { email, password },
    {
      loginPath,
      judgeLogin: only200(
        (login) =>
          new HarnessError(
            'TARGET_LOGIN',
            `drill traffic: ${loginPath} answered ${login.status} for ${email}; check HARNESS_USER_PASSWORD`,
          ),
      ),
      noStudent: () => new HarnessError('TARGET_DATA', `drill traffic: ${email} has no student to order for`),
    },
  );
  const date = tomorrow();
  const item = await availableMenuItem(client, session, date, {
    judgeMenu: only200(
      (menu) => new HarnessError('TARGET_DATA', `drill traffic: the menu for ${date} answered ${menu.status}`),
    ),
    noAvailableItem: () => new HarnessError('TARGET_DATA', `drill traffic: the menu for ${date} has no available item`),
  });
  return {
    token: session.token,
    body: orderBody(session, date, item.id),
    expectedTotalMinor: item.priceMinor,
  };
}
