import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import type { FaultInjector } from '../ports/fault-injector.ts';
import type { ReleaseController } from '../ports/release-controller.ts';
import type { ReleaseObserver } from '../ports/release-observer.ts';

/** What a drill runs against: one injector, one observer, one controller, from the same place. */
export interface DrillAdapters extends AsyncDisposable {
  readonly name: 'aws' | 'local';
  readonly injector: FaultInjector;
  readonly observer: ReleaseObserver;
  readonly controller: ReleaseController;
  /** Where the drill targets and what the rollbacks restore the alias to. */
  readonly target: {
    functionName: string;
    alias: string;
    stableVersion?: string;
    alarmNames: readonly string[];
  };
}

export interface DrillAdapterContext {
  environment: ResolvedEnvironment;
  env: NodeJS.ProcessEnv;
  /** `--allow-production-chaos`: the second key production needs besides protections.allowChaos. */
  allowProductionChaos: boolean;
  signal: AbortSignal;
  log: (line: string) => void;
}

export type Applicability = { applicable: true } | { applicable: false; reason: string };

/**
 * One way to run drills. `applicability` is cheap and offline (profile, environment, files);
 * `prepare` does the read-only preflight and builds the adapters, and throws a HarnessError
 * (exit 2) before anything is injected when the target is not fit for a drill.
 */
export interface DrillAdapterCandidate {
  readonly name: 'aws' | 'local';
  applicability(context: DrillAdapterContext): Applicability;
  prepare(context: DrillAdapterContext): Promise<DrillAdapters>;
}
