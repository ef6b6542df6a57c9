import { FIS_SERVICE_ACTIONS, type FisServiceActionId, type LocalService } from '../../common/aws-shapes/fis.ts';
import { parseIsoDuration } from './iso-duration.ts';

/** Stops and starts one of the platform's dependencies (idempotent both ways). */
export interface ServiceControl {
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** What the platform's starter lends it, when it owns the Postgres and Redis it runs on. */
export type ServiceControls = Record<LocalService, ServiceControl>;

type Phase = 'pending' | 'stopping' | 'down' | 'starting' | 'up' | 'failed';

/**
 * One FIS service action of an experiment, as the local drills run the same outage: the
 * server stopped, then started again. `aws:rds:reboot-db-instances` is a reboot (back at
 * once); `aws:elasticache:replicationgroup-interrupt-az-power` keeps the service down for its
 * `duration`. A stop of the experiment brings the service back before it counts as stopped.
 */
export class ServiceOutage {
  readonly service: LocalService;
  readonly #durationMs: number;
  readonly #control: ServiceControl;
  #phase: Phase = 'pending';
  #downSince = 0;
  #restoreAsked = false;
  error: string | undefined;

  constructor(service: LocalService, durationMs: number, control: ServiceControl) {
    this.service = service;
    this.#durationMs = durationMs;
    this.#control = control;
  }

  get phase(): Phase {
    return this.#phase;
  }

  /** True while the service is, or may be, away: the experiment cannot be over yet. */
  get inProgress(): boolean {
    return this.#phase === 'stopping' || this.#phase === 'down' || this.#phase === 'starting';
  }

  begin(): void {
    if (this.#phase !== 'pending') return;
    this.#phase = 'stopping';
    this.#control.stop().then(
      () => {
        this.#phase = 'down';
        this.#downSince = Date.now();
        if (this.#restoreAsked || this.#durationMs === 0) this.#restore();
      },
      (error: unknown) => this.#fail('stop', error),
    );
  }

  /** Brings the service back once its outage has lasted its duration, or now when `force`. */
  advance(now: number, force = false): void {
    if (force) this.#restoreAsked = true;
    if (this.#phase === 'down' && (force || now - this.#downSince >= this.#durationMs)) this.#restore();
  }

  #restore(): void {
    this.#phase = 'starting';
    this.#control.start().then(
      () => {
        this.#phase = 'up';
      },
      (error: unknown) => this.#fail('start', error),
    );
  }

  #fail(step: string, error: unknown): void {
    this.#phase = 'failed';
    this.error = `could not ${step} ${this.service}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Reads a service action against the experiment's targets; every problem is named by field. */
export function readServiceOutage(
  name: string,
  action: { actionId: FisServiceActionId; parameters: Record<string, string>; targets: Record<string, string> },
  targets: Record<string, { resourceType: string }>,
  controls: ServiceControls,
  problems: Record<string, string[]>,
): ServiceOutage {
  const shape = FIS_SERVICE_ACTIONS[action.actionId];
  const targetName = action.targets[shape.targetKey];
  const target = targetName === undefined ? undefined : targets[targetName];
  if (!target)
    problems[`actions.${name}.targets.${shape.targetKey}`] = ["must name an entry of the experiment's targets"];
  else if (target.resourceType !== shape.targetType)
    problems[`targets.${targetName ?? ''}.resourceType`] = [`must be ${shape.targetType} for ${action.actionId}`];
  let durationMs = 0;
  if (action.actionId === 'aws:elasticache:replicationgroup-interrupt-az-power') {
    const text = action.parameters.duration;
    const parsed = text === undefined ? { error: 'is required (ISO-8601, e.g. PT2M)' } : parseIsoDuration(text);
    if ('error' in parsed) problems[`actions.${name}.parameters.duration`] = [parsed.error];
    else durationMs = parsed.ms;
  }
  return new ServiceOutage(shape.service, durationMs, controls[shape.service]);
}
