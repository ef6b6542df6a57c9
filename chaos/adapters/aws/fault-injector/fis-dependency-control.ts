import {
  FIS_SERVICE_ACTION_IDS,
  FIS_SERVICE_ACTIONS,
  isFinalExperimentStatus,
  type FisExperiment,
  type FisExperimentDefinition,
  type FisServiceActionId,
  type LocalService,
} from '../../../../common/aws-shapes/fis.ts';
import { HarnessError } from '../../../../common/harness-error.ts';
import type { DependencyControl, DependencyStepOptions } from '../../../../runner/target.ts';
import { waitUntil } from '../../../activities/wait-until.ts';
import type { FaultInjector } from '../../../ports/fault-injector.ts';
import { DRILL_TAG } from './fis-template.ts';

/** The profile's `aws.dependencies`: the resources FIS may take away, by ARN. */
export interface AwsDependencyArns {
  rdsDbInstanceArn?: string;
  elastiCacheReplicationGroupArn?: string;
}

/** Which profile field names the resource behind each service. */
const PROFILE_FIELD: Record<LocalService, keyof AwsDependencyArns> = {
  postgres: 'rdsDbInstanceArn',
  redis: 'elastiCacheReplicationGroupArn',
};

const actionFor = (service: LocalService): FisServiceActionId =>
  FIS_SERVICE_ACTION_IDS.find((id) => FIS_SERVICE_ACTIONS[id].service === service)!;

export interface FisDependencyControlOptions {
  injector: FaultInjector;
  arns: AwsDependencyArns;
  /**
   * How long an ElastiCache interruption lasts if nothing stops it first; the drill's own
   * `start-service` step (or its rollback) stops the experiment well before.
   */
  outageMs: number;
  /** Bound on the waits for the experiment to run and to end. */
  waitMs?: number;
  log?: (line: string) => void;
}

/** The one-target experiment that takes `service` away: FIS's own action on the named resource. */
export function dependencyExperiment(
  service: LocalService,
  arn: string,
  drill: string,
  outageMs: number,
): FisExperimentDefinition {
  const actionId = actionFor(service);
  const shape = FIS_SERVICE_ACTIONS[actionId];
  return {
    description: `hasivu-verify drill ${drill}: ${actionId} on ${arn}`,
    actions: {
      outage: {
        actionId,
        parameters:
          actionId === 'aws:elasticache:replicationgroup-interrupt-az-power'
            ? { duration: `PT${Math.max(1, Math.ceil(outageMs / 1000))}S` }
            : {},
        targets: { [shape.targetKey]: 'dependency' },
      },
    },
    targets: { dependency: { resourceType: shape.targetType, resourceArns: [arn], selectionMode: 'ALL' } },
    stopConditions: [],
    tags: { [DRILL_TAG]: drill },
  };
}

/** Why `service` cannot be taken away through FIS here: the profile field to set, or undefined. */
export function missingDependency(arns: AwsDependencyArns, service: LocalService): string | undefined {
  if (arns[PROFILE_FIELD[service]]) return undefined;
  return `the profile names no ${service === 'postgres' ? 'RDS DB instance' : 'ElastiCache replication group'} for FIS's ${actionFor(service)}: set aws.dependencies.${PROFILE_FIELD[service]}`;
}

/**
 * Postgres and Redis on AWS, taken away as FIS does it: `stop` starts an experiment with the
 * service's FIS action on the profile's resource (the injector creates or reuses the tagged
 * template, reads it back and journals the experiment before returning); `start` stops that experiment (FIS brings the resource back first) and waits until it
 * has ended. `release` stops any experiment still running, on abort or after the rollbacks.
 */
export type FisDependencyControl = DependencyControl & {
  missing(service: LocalService): string | undefined;
  /** Ends every outage experiment still running (abort, or after the rollbacks). */
  release(signal: AbortSignal): Promise<void>;
};

export function fisDependencyControl(options: FisDependencyControlOptions): FisDependencyControl {
  const { injector, arns, log } = options;
  const waitMs = options.waitMs ?? 120_000;
  const running = new Map<LocalService, string>();

  const awaitState = async (
    id: string,
    what: string,
    done: (e: FisExperiment) => boolean,
    signal: AbortSignal,
  ): Promise<FisExperiment> =>
    waitUntil(
      what,
      async () => {
        const experiment = await injector.get(id, signal);
        return done(experiment) ? experiment : undefined;
      },
      { timeoutMs: waitMs, intervalMs: 500, signal },
    );

  const end = async (service: LocalService, signal: AbortSignal): Promise<void> => {
    const id = running.get(service);
    if (!id) return;
    await injector.stop(id, signal);
    const ended = await awaitState(
      id,
      `FIS experiment ${id} to end`,
      (e) => isFinalExperimentStatus(e.state.status),
      signal,
    );
    running.delete(service);
    if (ended.state.status === 'failed') {
      throw new HarnessError(
        'FIS_DEPENDENCY_FAILED',
        `FIS experiment ${id} (${actionFor(service)}) failed: ${ended.state.reason ?? 'no reason given'}`,
      );
    }
    log?.(`fis: ${service} outage experiment ${id} ${ended.state.status}`);
  };

  return {
    provider: 'fis',
    missing: (service) => missingDependency(arns, service),
    async stop(service, step?: DependencyStepOptions) {
      const arn = arns[PROFILE_FIELD[service]];
      if (!arn) throw new HarnessError('FIS_NO_DEPENDENCY', missingDependency(arns, service)!);
      const signal = step?.signal ?? AbortSignal.timeout(waitMs);
      const experiment = await injector.start(
        dependencyExperiment(service, arn, step?.drill ?? 'drill', options.outageMs),
        signal,
      );
      running.set(service, experiment.id);
      // Not waiting for `running`: a reboot may be over by then (the platform's takes a
      // second), and the drill's next probe is what waits for the outage to show. A failed
      // experiment is reported by `start`.
      return { experimentId: experiment.id, actionId: actionFor(service) };
    },
    async start(service, step?: DependencyStepOptions) {
      await end(service, step?.signal ?? AbortSignal.timeout(waitMs));
    },
    async release(signal) {
      for (const service of [...running.keys()]) await end(service, signal);
    },
  };
}
