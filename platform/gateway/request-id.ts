import { randomUUID } from 'node:crypto';

const SANE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Keeps the caller's x-request-id so one id follows a request through every hop, unless
 * it is absent or odd (too long, or characters that could forge log lines).
 */
export function pickRequestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE.test(incoming) ? incoming : randomUUID();
}
