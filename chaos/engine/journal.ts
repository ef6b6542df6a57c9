/**
 * The journal of one drill: every step with its times, output and outcome, written while the
 * drill runs so an interrupted drill still leaves its evidence. Chaos Toolkit's journal, in
 * this project's words.
 */
export type DrillStatus = 'completed' | 'failed' | 'aborted' | 'interrupted';
export type StepStatus = 'succeeded' | 'failed' | 'interrupted' | 'skipped';
export type Phase = 'steady-state-before' | 'method' | 'steady-state-after' | 'rollbacks';

export interface StepRecord {
  name: string;
  type: 'action' | 'probe';
  run: string;
  phase: Phase;
  start: string;
  end?: string;
  status?: StepStatus;
  output?: unknown;
  error?: string;
}

export interface SteadyStateRecord {
  met: boolean;
  probes: StepRecord[];
}

/** Moments on the drill's timeline, ISO times; recovery figures are computed from them. */
export interface TimelineMarks {
  /** The first fault-making request was accepted (experiment started, bad canary deployed, service stopped). */
  faultStartedAt?: string;
  /** The first failed or slow response anyone in the drill saw: the MTTR clock starts here. */
  firstFaultAt?: string;
  /** The alarm's history says it went to ALARM at this time. */
  alarmAt?: string;
  /** The alias was seen back on the old version with no extra weight (or the service back up). */
  rollbackAt?: string;
  /** Orders succeeded again in a row on the old version (and kept succeeding for the window): the MTTR clock stops here. */
  recoveredAt?: string;
  /** A health probe passed again: health recovery, a figure apart from MTTR (health can pass while orders fail). */
  healthyAt?: string;
}

export interface Journal {
  drill: string;
  title: string;
  dryRun: boolean;
  target: string;
  adapters: Record<string, string>;
  start: string;
  end?: string;
  /** `running` only in the file written while the drill is under way. */
  status: DrillStatus | 'running';
  /** True when the steady state did not hold after the method. */
  deviated: boolean;
  /** Why the drill ended as it did, in one sentence. */
  reason?: string;
  steadyStates: { before?: SteadyStateRecord; after?: SteadyStateRecord };
  run: StepRecord[];
  rollbacks: StepRecord[];
  /** Written the moment each starts, so an interrupted drill still knows what to stop. */
  experiments: { id: string; startedAt: string; finalState?: string }[];
  deployments: { id: string; startedAt: string; finalStatus?: string }[];
  versions: { previous?: string; canary?: string };
  /** Alias moves and configuration marks the adapters made, recorded before each call (journal-changes.ts). */
  changes?: JournaledChange[];
  marks: TimelineMarks;
  /** What else the runner attaches: traffic, recovery figures, the after-drill checks. */
  extra: Record<string, unknown>;
}

/**
 * Something an adapter started or changed on the target that a crash could leave behind:
 * an experiment, a deployment, an alias it is about to move, a function configuration it is
 * about to mark. Recorded the moment it exists (an id) or just before the call (a change).
 */
export type TargetChange =
  | { kind: 'experiment'; id: string; note?: string }
  | { kind: 'deployment'; id: string }
  | { kind: 'alias'; functionName: string; alias: string; from: string; to: string }
  | { kind: 'function-configuration'; functionName: string; field: 'Description'; original: string; marker: string };

/** A change as the journal keeps it: when, and whether it was undone. */
export type JournaledChange = Exclude<TargetChange, { kind: 'experiment' | 'deployment' }> & {
  at: string;
  undoneAt?: string;
};
