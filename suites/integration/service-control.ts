import type {
  ControlledService,
  IntegrationContext,
  PlatformState,
} from './integration-context.ts';
import { CONTROL_TOKEN_HEADER } from './service-control-server.ts';

/** A container may take its whole startup timeout (60 s by default) to come back. */
const CONTROL_TIMEOUT_MS = 90_000;

/** The test side of the service control endpoint: stop or start the run's Postgres or Redis. */
export class ServiceControl {
  readonly #endpoint: IntegrationContext['control'];

  constructor(endpoint: IntegrationContext['control']) {
    this.#endpoint = endpoint;
  }

  /** Stops the server and resolves once it is down; stopping a stopped service does nothing. */
  stop(service: ControlledService): Promise<void> {
    return this.#send(service, 'stop');
  }

  /** Starts a service stopped by `stop()` and resolves once it answers; starting a running one does nothing. */
  start(service: ControlledService): Promise<void> {
    return this.#send(service, 'start');
  }

  /** Whether the platform process still runs, and how it ended if not. */
  async platform(): Promise<PlatformState> {
    const response = await fetch(`${this.#endpoint.url}/platform`, {
      headers: { [CONTROL_TOKEN_HEADER]: this.#endpoint.token },
      signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
      redirect: 'manual',
    });
    if (response.status !== 200)
      throw new Error(
        `service control: GET /platform answered ${response.status}: ${await response.text()}`,
      );
    return (await response.json()) as PlatformState;
  }

  async #send(service: ControlledService, verb: 'stop' | 'start'): Promise<void> {
    const response = await fetch(`${this.#endpoint.url}/${service}/${verb}`, {
      method: 'POST',
      headers: { [CONTROL_TOKEN_HEADER]: this.#endpoint.token },
      signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
      redirect: 'manual',
    });
    const text = await response.text();
    if (response.status !== 204)
      throw new Error(`service control: ${verb} ${service} answered ${response.status}: ${text}`);
  }
}
