import type { DependencyControl } from '../../runner/target.ts';
import type { RecordChange } from '../engine/journal-changes.ts';
import type { AlarmSubscriber } from '../ports/alarm-subscriber.ts';
import type { FaultInjector } from '../ports/fault-injector.ts';
import type { ReleaseController } from '../ports/release-controller.ts';
import type { ReleaseObserver } from '../ports/release-observer.ts';

/** What a drill acts through, chosen once per run. Disposing closes their connections. */
export interface DrillAdapters extends AsyncDisposable {
  /** `local` or `aws`: which candidate was chosen. */
  readonly source: string;
  readonly injector: FaultInjector;
  readonly observer: ReleaseObserver;
  readonly controller: ReleaseController;
  readonly alarms: AlarmSubscriber;
  /** Absent when nothing here can stop the target's Postgres or Redis. */
  readonly dependencies: DependencyControl | undefined;
  /**
   * Why an injected fault may never have reached an invocation (AWS: the FIS Lambda extension's
   * prerequisites), asked when a drill started a fault and its traffic never saw one.
   */
  diagnoseUnreachedFault?(functionName: string, waitedMs: number, signal: AbortSignal): Promise<string>;
  /**
   * Attaches the running drill's journal: the adapters report every experiment, deployment,
   * alias move and configuration mark there before the call that made it returns (AWS, where
   * a crash would leave them on the account). `undefined` detaches it.
   */
  recordChanges?(sink: RecordChange | undefined): void;
  /**
   * Ends what the adapters started on the drill's behalf, after its rollbacks: on AWS the FIS
   * experiment that made a bad release bad, which the rollbacks need not touch when CodeDeploy
   * already rolled the deployment back.
   */
  endDrill?(signal: AbortSignal): Promise<void>;
  /** Names for the journal: which implementation did what. */
  describe(): Record<string, string>;
}
