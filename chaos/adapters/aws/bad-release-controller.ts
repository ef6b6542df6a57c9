import { isFinalExperimentStatus } from '../../../common/aws-shapes/fis.ts';
import type { FaultInjector } from '../../ports/fault-injector.ts';
import type { ReleaseController } from '../../ports/release-controller.ts';
import { behaviourExperiment } from './behaviour-fault.ts';

export interface BadReleaseOptions {
  /** The ErrorRate alarm: FIS stops the fault by itself if it fires. */
  stopAlarm: string;
  /** The fault ends by itself after this long even if nobody stops it. */
  durationMs: number;
  log: (line: string) => void;
}

export interface BadReleaseController extends ReleaseController {
  /** Stops every bad-release fault still running; the rollbacks and disposal call it. */
  stopFaults(signal: AbortSignal): Promise<void>;
}

/**
 * Drills publish a deliberately bad release locally (`behaviour`). On AWS a release carries
 * its bug in its artifact, so the drill publishes the healthy build and FIS makes that version
 * misbehave the same way (behaviour-fault.ts). The fault starts before any traffic reaches
 * the version, and is stopped when the drill stops the deployment or restores the alias.
 */
export function badReleaseController(
  inner: ReleaseController,
  injector: FaultInjector,
  options: BadReleaseOptions,
): BadReleaseController {
  const running = new Set<string>();
  const stopFaults = async (signal: AbortSignal): Promise<void> => {
    for (const id of [...running]) {
      const stopped = await injector.stop(id, signal);
      if (isFinalExperimentStatus(stopped.state.status) || stopped.state.status === 'stopping')
        running.delete(id);
    }
  };
  return {
    name: inner.name,
    stopFaults,
    async publishVersion(functionName, { description, behaviour }, signal) {
      const version = await inner.publishVersion(functionName, { description }, signal);
      const experiment = behaviourExperiment({
        drill: 'bad-release',
        description: description ?? 'bad release',
        target: `${functionName}:${version.Version}`,
        behaviour,
        durationMs: options.durationMs,
        stopAlarm: options.stopAlarm,
      });
      if (!experiment) return version;
      const started = await injector.start(experiment, signal);
      running.add(started.id);
      options.log(
        `fis: version ${version.Version} of ${functionName} made bad by experiment ${started.id} (${JSON.stringify(behaviour)})`,
      );
      return { ...version, ReleaseBehaviour: behaviour };
    },
    createDeployment: (input, signal) => inner.createDeployment(input, signal),
    async stopDeployment(deploymentId, autoRollbackEnabled, signal) {
      await inner.stopDeployment(deploymentId, autoRollbackEnabled, signal);
      await stopFaults(signal);
    },
    async restoreAlias(functionName, alias, version, signal) {
      const restored = await inner.restoreAlias(functionName, alias, version, signal);
      await stopFaults(signal);
      return restored;
    },
  };
}
