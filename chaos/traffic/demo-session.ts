import { HarnessError } from '../../common/harness-error.ts';
import type { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { jsonBody } from '../../fixtures/api-client/api-response.ts';
import { LoginResponseSchema, MenuSchema } from '../../fixtures/platform-contract/business.ts';

/** A logged-in parent and an order body to send again and again, each with a new key. */
export interface OrderSession {
  token: string;
  body: { studentId: string; deliveryDate: string; items: { menuItemId: string; quantity: number }[] };
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
  if (!credentials.password) {
    throw new HarnessError('MISSING_CREDENTIALS', 'drill traffic logs in as the demo parent: set HARNESS_USER_PASSWORD');
  }
  const login = await client.post(loginPath, { email: credentials.email, password: credentials.password });
  if (login.status !== 200) {
    throw new HarnessError('TARGET_LOGIN', `drill traffic: ${loginPath} answered ${login.status} for ${credentials.email}; check HARNESS_USER_PASSWORD`);
  }
  const session = LoginResponseSchema.parse(jsonBody(login));
  const student = session.user.students[0];
  if (!student) throw new HarnessError('TARGET_DATA', `drill traffic: ${credentials.email} has no student to order for`);
  const date = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const menuResponse = await client.get(`/schools/${session.user.schoolId}/menus?date=${date}`, { token: session.accessToken });
  if (menuResponse.status !== 200) {
    throw new HarnessError('TARGET_DATA', `drill traffic: the menu for ${date} answered ${menuResponse.status}`);
  }
  const item = MenuSchema.parse(jsonBody(menuResponse)).items.find((i) => i.available);
  if (!item) throw new HarnessError('TARGET_DATA', `drill traffic: the menu for ${date} has no available item`);
  return {
    token: session.accessToken,
    body: { studentId: student.id, deliveryDate: date, items: [{ menuItemId: item.id, quantity: 1 }] },
    expectedTotalMinor: item.priceMinor,
  };
}
