import type { LoadRunRecord } from './run-record.ts';

export interface Baseline {
  runs: LoadRunRecord[];
  /** Which runs were chosen and why, in one sentence for the check's message. */
  reason: string;
}

const sameComparable = (run: LoadRunRecord, other: LoadRunRecord): boolean =>
  run.comparable.environment === other.comparable.environment &&
  run.comparable.scenario === other.comparable.scenario &&
  run.comparable.profile === other.comparable.profile &&
  run.comparable.ratePerSecond === other.comparable.ratePerSecond;

const describe = (c: LoadRunRecord['comparable']): string =>
  `${c.scenario} at the ${c.profile} profile, ${c.ratePerSecond} iterations/s on ${c.environment}`;

/**
 * The last `size` green runs of earlier releases at the same environment, scenario, profile
 * and rate, started before this one. A release compared with itself proves nothing about the
 * release, so its own runs are used only when no earlier release has a green run here (a first
 * release, or the same build run again locally): the reason then says so.
 */
export function chooseBaseline(history: readonly LoadRunRecord[], current: LoadRunRecord, size: number): Baseline {
  const comparable = history.filter((r) => sameComparable(r, current) && r.startedAt < current.startedAt);
  const green = comparable.filter((r) => r.green);
  const release = current.provenance.releaseId;
  const earlier = green.filter((r) => r.provenance.releaseId !== release);
  const notGreen = comparable.length - green.length;
  const skipped = notGreen > 0 ? `; ${notGreen} comparable run(s) left out as not green` : '';
  const what = describe(current.comparable);
  if (earlier.length > 0) {
    const runs = earlier.slice(-size);
    const releases = [...new Set(runs.map((r) => r.provenance.releaseId ?? 'unnamed'))];
    return {
      runs,
      reason: `baseline: the last ${runs.length} green run(s) of earlier releases (${releases.join(', ')}) of ${what}, ${runs[0]?.startedAt} … ${runs.at(-1)?.startedAt}${skipped}`,
    };
  }
  const runs = green.slice(-size);
  if (runs.length === 0) {
    return { runs, reason: `no baseline: no earlier green run of ${what} in the history${skipped}` };
  }
  return {
    runs,
    reason: `baseline: no earlier release has a green run of ${what}, so the last ${runs.length} green run(s) of this release (${release ?? 'unnamed'}) are used, ${runs[0]?.startedAt} … ${runs.at(-1)?.startedAt}${skipped}`,
  };
}
