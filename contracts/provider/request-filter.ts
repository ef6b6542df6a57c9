import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redact } from '../../common/redact.ts';
import { PLACEHOLDERS } from '../provider-states.ts';
import type { StateLedger } from './state-ledger.ts';

/** pact-js posts state changes to its own proxy under this path; they must pass untouched. */
const STATE_SETUP_PATH = '/_pactSetup';

type Request = IncomingMessage & { path?: string };
type Next = (error?: unknown) => void;

/** Status the filter answers with when it does not let a request reach the target. */
export const HELD_STATUS = 599;

function answer(res: ServerResponse, reason: string): void {
  res.writeHead(HELD_STATUS, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code: 'HARNESS_STATE_NOT_SET_UP', message: redact(reason) } }));
}

/**
 * Runs in pact-js's proxy before each request reaches the target:
 * - a pact's placeholder bearer token becomes the parent's real token (any other
 *   Authorization value, such as the deliberately expired one, is left alone);
 * - the placeholder Idempotency-Key becomes a fresh one, so every verification
 *   places a new order rather than replaying an old one;
 * - a request whose provider state could not be set up is answered here and never
 *   reaches the target.
 */
export function createRequestFilter(ledger: StateLedger, accessToken: () => Promise<string>) {
  return (req: Request, res: ServerResponse, next: Next): void => {
    if ((req.path ?? req.url) === STATE_SETUP_PATH) return next();
    const held = ledger.take();
    if (held) return answer(res, held.reason);
    if (req.headers['idempotency-key'] === PLACEHOLDERS.idempotencyKey) {
      req.headers['idempotency-key'] = `contract-${randomUUID()}`;
    }
    if (req.headers.authorization !== `Bearer ${PLACEHOLDERS.accessToken}`) return next();
    accessToken().then(
      (token) => {
        req.headers.authorization = `Bearer ${token}`;
        next();
      },
      (error: unknown) => answer(res, `no access token for the parent account: ${(error as Error).message}`),
    );
  };
}
