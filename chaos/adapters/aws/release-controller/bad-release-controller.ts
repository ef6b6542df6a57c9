import { isFinalExperimentStatus } from '../../../../common/aws-shapes/fis.ts';
import { isFinalDeploymentStatus } from '../../../../common/aws-shapes/codedeploy.ts';
import type { FaultInjector } from '../../../ports/fault-injector.ts';
import type { ReleaseController } from '../../../ports/release-controller.ts';
import { awaitExperimentEnd } from '../fault-injector/await-experiment.ts';
import { behaviourExperiment } from '../fault-injector/behaviour-fault.ts';

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
  /**
   * Ends the faults of bad versions the alias no longer serves, and waits (bounded) until FIS
   * says they ended: once CodeDeploy rolled a bad canary back, its fault is no experiment the
   * drill should still find running.
   */
  retire(servedVersions: readonly string[], signal: AbortSignal): Promise<void>;
  /** A deployment seen ended: one that did not succeed no longer serves its bad version. */
  deploymentEnded(deploymentId: string, status: string, signal: AbortSignal): Promise<void>;
}

/** How long a retired fault may stay `stopping` before the drill goes on without waiting. */
const RETIRE_SETTLE_MS = 20_000;

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
  /** Running bad-release experiments, by id, with the version each one makes bad. */
  const running = new Map<string, string>();
  const stopFaults = async (signal: AbortSignal): Promise<void> => {
    for (const id of [...running.keys()]) {
      const stopped = await injector.stop(id, signal);
      if (isFinalExperimentStatus(stopped.state.status) || stopped.state.status === 'stopping') running.delete(id);
    }
  };
  /** Bad versions the alias was seen serving: only those can stop being served. */
  const served = new Set<string>();
  const deployedVersion = new Map<string, string>();
  const end = async (versions: readonly string[], signal: AbortSignal): Promise<void> => {
    const retired = [...running].filter(([, version]) => versions.includes(version)).map(([id]) => id);
    for (const id of retired) {
      running.delete(id);
      await injector.stop(id, signal);
      await awaitExperimentEnd(injector, id, { timeoutMs: RETIRE_SETTLE_MS, intervalMs: 250, signal }).catch(
        () => undefined,
      );
      options.log(`fis: bad-release experiment ${id} ended: its version is no longer served`);
    }
  };
  const retire = async (servedVersions: readonly string[], signal: AbortSignal): Promise<void> => {
    for (const version of servedVersions) if ([...running.values()].includes(version)) served.add(version);
    await end(
      [...served].filter((v) => !servedVersions.includes(v)),
      signal,
    );
  };
  const deploymentEnded = async (deploymentId: string, status: string, signal: AbortSignal): Promise<void> => {
    const version = deployedVersion.get(deploymentId);
    if (version && isFinalDeploymentStatus(status) && status !== 'Succeeded') await end([version], signal);
  };
  return {
    name: inner.name,
    stopFaults,
    retire,
    deploymentEnded,
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
      running.set(started.id, version.Version);
      options.log(
        `fis: version ${version.Version} of ${functionName} made bad by experiment ${started.id} (${JSON.stringify(behaviour)})`,
      );
      return { ...version, ReleaseBehaviour: behaviour };
    },
    async createDeployment(input, signal) {
      const created = await inner.createDeployment(input, signal);
      deployedVersion.set(created.deploymentId, input.targetVersion);
      return created;
    },
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
