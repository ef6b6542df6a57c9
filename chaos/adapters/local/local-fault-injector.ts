import { CONTROL_ROUTES } from '../../../common/aws-shapes/control-api.ts';
import type { FisExperiment, FisExperimentDefinition } from '../../../common/aws-shapes/fis.ts';
import type { FaultInjector } from '../../ports/fault-injector.ts';
import { route, type ControlClient } from '../../../fixtures/platform-control/control-client.ts';

/** FIS-shaped experiments on the reference platform's control API. */
export class LocalFaultInjector implements FaultInjector {
  readonly name = 'local';
  readonly #client: ControlClient;

  constructor(client: ControlClient) {
    this.#client = client;
  }

  async start(definition: FisExperimentDefinition, signal: AbortSignal): Promise<FisExperiment> {
    const { method, path } = route(CONTROL_ROUTES.startExperiment);
    return (await this.#client.call<{ experiment: FisExperiment }>(method, path, definition, signal)).experiment;
  }

  async get(id: string, signal: AbortSignal): Promise<FisExperiment> {
    const { method, path } = route(CONTROL_ROUTES.getExperiment, { id });
    return (await this.#client.call<{ experiment: FisExperiment }>(method, path, undefined, signal)).experiment;
  }

  async stop(id: string, signal: AbortSignal): Promise<FisExperiment> {
    const { method, path } = route(CONTROL_ROUTES.stopExperiment, { id });
    return (await this.#client.call<{ experiment: FisExperiment }>(method, path, {}, signal)).experiment;
  }

  async list(signal: AbortSignal): Promise<FisExperiment[]> {
    const { method, path } = route(CONTROL_ROUTES.listExperiments);
    return (await this.#client.call<{ experiments: FisExperiment[] }>(method, path, undefined, signal)).experiments;
  }
}
