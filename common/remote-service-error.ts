import { redact } from './redact.ts';

/**
 * A failed call to a service the harness talks to (the control API, a Pact Broker). Its
 * message may quote the service's answer, which can echo a token, so it is redacted here,
 * before any reporter or log sees it. `status` is the HTTP status when the service
 * answered, undefined when it did not (refused, timed out).
 */
export class RemoteServiceError extends Error {
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(redact(message));
    this.status = status;
  }
}
