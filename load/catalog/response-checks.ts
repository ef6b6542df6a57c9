import type { EndpointKey } from './endpoints.ts';

/**
 * What each endpoint's answer must look like under load. These are the contract's
 * load-bearing facts only (the full zod contract is the smoke suite's job: parsing it
 * in every k6 VU would cost ~7 MB of memory per VU). Each predicate takes the status
 * and the parsed JSON body, so it runs the same in k6 and in Node tests.
 */
export interface Answer {
  status: number;
  body: unknown;
}

export type Predicate = (answer: Answer) => boolean;

export function field(body: unknown, key: string): unknown {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
}

const isNonEmptyString = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

export const RESPONSE_CHECKS: Record<EndpointKey, Record<string, Predicate>> = {
  login: {
    'login: 200 with a bearer token': (a) => a.status === 200 && isNonEmptyString(field(a.body, 'accessToken')),
  },
  health: {
    'health: 200': (a) => a.status === 200,
    'health: status pass or warn': (a) => ['pass', 'warn'].includes(field(a.body, 'status') as string),
  },
  healthReady: {
    'health-ready: 200': (a) => a.status === 200,
  },
  menus: {
    'menus: 200': (a) => a.status === 200,
    'menus: has items': (a) => Array.isArray(field(a.body, 'items')),
  },
  orderCreate: {
    'order-create: 201': (a) => a.status === 201,
    'order-create: pending_payment': (a) =>
      field(a.body, 'status') === 'pending_payment' && isNonEmptyString(field(a.body, 'id')),
  },
  orderReplay: {
    'order-replay: 200 or 201': (a) => a.status === 200 || a.status === 201,
  },
  orderGet: {
    'order-get: 200': (a) => a.status === 200,
  },
  paymentIntent: {
    'payment-intent: 201': (a) => a.status === 201,
    'payment-intent: created': (a) =>
      field(a.body, 'status') === 'created' && isNonEmptyString(field(a.body, 'providerOrderId')),
  },
};

/** An idempotent replay must return the order the first request created, not a new one. */
export function sameOrder(first: unknown, replay: unknown): boolean {
  const id = field(first, 'id');
  return isNonEmptyString(id) && field(replay, 'id') === id;
}

export function stringField(body: unknown, key: string): string | undefined {
  const value = field(body, key);
  return typeof value === 'string' ? value : undefined;
}

export function arrayField(body: unknown, key: string): unknown[] {
  const value = field(body, key);
  return Array.isArray(value) ? (value as unknown[]) : [];
}
