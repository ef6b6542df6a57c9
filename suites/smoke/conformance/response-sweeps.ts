import type { ApiResponse } from '../../../fixtures/api-client/api-response.ts';
import { SENTENCES } from '../../../fixtures/platform-contract/endpoints.ts';
import { HEALTH_MEDIA_TYPE } from '../../../fixtures/platform-contract/health.ts';
import { broken, expectErrorEnvelope, expectRequestIdHeader, isUtcTimestamp } from './assert-documented.ts';
import { additionUnmet, type ProjectAdditionUnmet } from '../../assertions/contract-verdict.ts';

/**
 * Promises that hold for every response, checked over all the responses a run saw:
 * each names the first response that breaks it.
 */
function json(response: ApiResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    return undefined;
  }
}

interface Visited {
  path: string;
  record: Record<string, unknown>;
  /** The `currency` of this object or the nearest one around it: an order's lines take the order's. */
  currency: unknown;
}

function* objects(value: unknown, path = '$', currency: unknown = undefined): Generator<Visited> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* objects(item, `${path}[${index}]`, currency);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const own = 'currency' in record ? record.currency : currency;
    yield { path, record, currency: own };
    for (const [key, child] of Object.entries(record)) yield* objects(child, `${path}.${key}`, own);
  }
}

export function sweepRequestIds(responses: readonly ApiResponse[]): number {
  responses.forEach(expectRequestIdHeader);
  return responses.length;
}

/** A health endpoint's 503 is its health document (application/health+json), not an error envelope. */
const isHealthDocument = (response: ApiResponse): boolean =>
  response.path.startsWith('/health') &&
  response.headers['content-type']?.split(';')[0]?.trim().toLowerCase() === HEALTH_MEDIA_TYPE;

export function sweepErrorEnvelopes(responses: readonly ApiResponse[]): number {
  const errors = responses.filter((response) => response.status >= 400 && !isHealthDocument(response));
  errors.forEach((response) => expectErrorEnvelope(response));
  return errors.length;
}

/** Why the money sweep asks more than PLATFORM-API.md's sentence (docs/contract.md). */
export const MONEY_ADDITIONS = {
  negative: 'PLATFORM-API.md says an integer number of minor units, not that it is never negative',
  inherited:
    "PLATFORM-API.md puts `currency` beside money; that an order's lines take the order's currency is the project's reading",
} as const;

/**
 * Every `…Minor` field is an integer under `currency: "INR"` (published), not negative and
 * with its currency on its own object or an enclosing one (the project's addition). A
 * published break ends the sweep at once; an addition break is reported once it is done.
 */
export function sweepMoney(responses: readonly ApiResponse[]): number {
  let seen = 0;
  let addition: ProjectAdditionUnmet | undefined;
  for (const response of responses.filter((r) => r.status < 300)) {
    for (const { path, record, currency } of objects(json(response))) {
      for (const [key, value] of Object.entries(record).filter(([k]) => k.endsWith('Minor'))) {
        seen += 1;
        const where = `${response.method} ${response.path} ${path}.${key}`;
        if (!Number.isInteger(value)) throw broken(SENTENCES.money, `${where} is ${JSON.stringify(value)}`);
        if (currency === undefined)
          addition ??= additionUnmet(MONEY_ADDITIONS.inherited, `${where} has no currency around it`);
        else if (currency !== 'INR')
          throw broken(SENTENCES.money, `${where} comes with currency ${JSON.stringify(currency)}`);
        if ((value as number) < 0) addition ??= additionUnmet(MONEY_ADDITIONS.negative, `${where} is ${String(value)}`);
      }
    }
  }
  if (addition) throw addition;
  return seen;
}

const TIME_KEYS = /(At|^time)$/;

/** Every time field (`…At`, `time`) is an ISO 8601 string in UTC. */
export function sweepTimes(responses: readonly ApiResponse[]): number {
  let seen = 0;
  for (const response of responses.filter((r) => r.status < 300)) {
    for (const { path, record } of objects(json(response))) {
      for (const [key, value] of Object.entries(record).filter(([k]) => TIME_KEYS.test(k))) {
        seen += 1;
        if (typeof value !== 'string' || !isUtcTimestamp(value)) {
          throw broken(
            SENTENCES.times,
            `${response.method} ${response.path} ${path}.${key} is ${JSON.stringify(value)}`,
          );
        }
      }
    }
  }
  return seen;
}
