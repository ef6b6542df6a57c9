import type { TimelineMarks } from '../engine/journal.ts';

/**
 * Recovery as a person on call lives it. The clock starts at the first fault anyone observed
 * (not when the experiment or deployment started: a real fault can take a minute to reach
 * every invocation) and stops when the old version serves alone and successfully again.
 */
export interface RecoveryFigures {
  /** First observed fault → recovered. */
  mttrMs?: number;
  /** First observed fault → alarm in ALARM; without an alarm, fault started → first observed fault. */
  detectionMs?: number;
  detectionBasis?: 'alarm' | 'first-fault';
  /** Alarm (or first observed fault) → alias restored / service back. */
  rollbackMs?: number;
  /** First observed fault → a health probe passed again; health can recover while orders still fail. */
  healthRecoveryMs?: number;
  /** Without a recovery: first observed fault → the end of observation. MTTR is at least this. */
  mttrLowerBoundMs?: number;
  /** Which marks are missing, so a figure that is absent says why. */
  missing: (keyof TimelineMarks)[];
}

const at = (iso: string | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);
const span = (from: number | undefined, to: number | undefined): number | undefined =>
  from === undefined || to === undefined ? undefined : Math.max(0, Math.round(to - from));

/** `observedUntil`: epoch ms the drill stopped watching (its end), for the lower bound of a recovery never seen. */
export function recoveryFigures(marks: TimelineMarks, observedUntil?: number): RecoveryFigures {
  const fault = at(marks.firstFaultAt);
  const alarm = at(marks.alarmAt);
  const rollback = at(marks.rollbackAt);
  const recovered = at(marks.recoveredAt);
  const missing = (['firstFaultAt', 'rollbackAt', 'recoveredAt'] as const).filter((k) => !marks[k]);
  const figures: RecoveryFigures = { missing };
  const mttr = span(fault, recovered);
  if (mttr !== undefined) figures.mttrMs = mttr;
  else {
    const bound = span(fault, observedUntil);
    if (bound !== undefined) figures.mttrLowerBoundMs = bound;
  }
  const health = span(fault, at(marks.healthyAt));
  if (health !== undefined) figures.healthRecoveryMs = health;
  const detection = alarm !== undefined ? span(fault, alarm) : span(at(marks.faultStartedAt), fault);
  if (detection !== undefined) {
    figures.detectionMs = detection;
    figures.detectionBasis = alarm !== undefined ? 'alarm' : 'first-fault';
  }
  const rollbackMs = span(alarm ?? fault, rollback);
  if (rollbackMs !== undefined) figures.rollbackMs = rollbackMs;
  return figures;
}
