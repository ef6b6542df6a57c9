/// <reference types="k6" />
import secrets from 'k6/secrets';
import { isoDate } from '../../common/iso-date.ts';
import { loginBody } from '../catalog/payloads.ts';
import { arrayField, field, stringField } from '../catalog/response-checks.ts';
import type { LoadPlan } from '../catalog/load-plan.ts';
import { PASSWORD_SECRET_NAME } from '../catalog/secrets.ts';
import { call, type ApiContext } from './api.ts';

/** What setup() hands every VU: who is ordering, for what, and this run's id. */
export interface Session {
  api: ApiContext;
  token: string;
  schoolId: string;
  studentId: string;
  menuItemIds: string[];
  /** Menus are read for today, orders placed for tomorrow. */
  menuDate: string;
  deliveryDate: string;
  /** Makes this run's Idempotency-Keys differ from every earlier run's. */
  runId: string;
}

function required(name: string, hint: string): string {
  const value = __ENV[name];
  if (!value) throw new Error(`${name} is not set: ${hint}`);
  return value;
}

/**
 * The password from the environment (local runs, k6-operator's secretKeyRef) or else
 * from k6's secret source (Grafana Cloud), which also redacts it from k6's logs.
 */
async function password(email: string): Promise<string> {
  const fromEnv = __ENV.HARNESS_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  try {
    return await secrets.get(PASSWORD_SECRET_NAME);
  } catch (error) {
    throw new Error(
      `no password for ${email}: set HARNESS_USER_PASSWORD, or define the k6 secret "${PASSWORD_SECRET_NAME}" (${String(error)})`,
      { cause: error },
    );
  }
}

/**
 * Logs in once for the whole run (the credentials come from the environment or a
 * secret source, never argv) and finds the school, student and orderable items from
 * the answers alone, so the same bundle works against any deployment.
 */
export async function openSession(plan: LoadPlan): Promise<Session> {
  const api: ApiContext = {
    baseUrl: required('HARNESS_BASE_URL', 'the platform under test, e.g. http://127.0.0.1:3000').replace(/\/+$/, ''),
    timeoutMs: plan.requestTimeoutMs,
  };
  const email = required('HARNESS_USER_EMAIL', 'the load-test parent account');
  const login = call(api, 'login', {
    path: plan.loginPath,
    body: loginBody(email, await password(email)),
  });
  const token = stringField(login.body, 'accessToken');
  const user = field(login.body, 'user');
  const student = stringField(arrayField(user, 'students')[0], 'id');
  const schoolId = stringField(user, 'schoolId');
  if (login.status !== 200 || !token || !schoolId || !student) {
    throw new Error(
      `login as ${email} answered ${login.status} without a token, school and student; check the credentials`,
    );
  }
  const now = new Date();
  const deliveryDate = isoDate(now, 1);
  const menu = call(api, 'menus', { token, params: { schoolId, date: deliveryDate } });
  const menuItemIds = arrayField(menu.body, 'items')
    .filter((item) => field(item, 'available') === true)
    .map((item) => stringField(item, 'id'))
    .filter((id): id is string => id !== undefined);
  if (menuItemIds.length === 0)
    throw new Error(`the menu of school ${schoolId} for ${deliveryDate} has no available items to order`);
  return {
    api,
    token,
    schoolId,
    studentId: student,
    menuItemIds,
    menuDate: isoDate(now),
    deliveryDate,
    runId: `${now.getTime().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`,
  };
}
