import type { OrderSetReport } from '../traffic/order-set-check.ts';
import type { OrderWrite } from '../traffic/order-write.ts';

/** The moments of a restore drill, epoch ms. */
export interface RestoreTimeline {
  backupStartedAt: number;
  backupCompletedAt: number;
  destroyedAt: number;
  restoredAt: number;
  /** The first order acknowledged after the restore: the platform serves again. */
  servingAt: number;
}

export interface LostOrder {
  orderId: string;
  key: string;
  acknowledgedAt: string;
  /** Acknowledged before the backup started: the backup should have held it. */
  beforeBackup: boolean;
}

export interface RecoveryObjectives {
  /** Database gone → platform serving orders again. */
  rtoMs: number;
  /** Acknowledged orders missing after the restore, oldest first. */
  lost: LostOrder[];
  /**
   * The window of acknowledged writes the restore lost: from the backup's snapshot to the last
   * lost acknowledgement. 0 when nothing acknowledged was lost.
   */
  rpoMs: number;
  /** Acknowledged orders lost that were written before the backup: each one is a broken backup. */
  lostBeforeBackup: LostOrder[];
}

/** Pure: the timeline, the writes and the read-back's verdict in, RTO and RPO out. */
export function recoveryObjectives(
  timeline: RestoreTimeline,
  writes: readonly OrderWrite[],
  report: OrderSetReport,
): RecoveryObjectives {
  const byKey = new Map(writes.map((w) => [w.key, w]));
  const lost = report.lost
    .map((lostOrder) => {
      const ackedAt = byKey.get(lostOrder.key)?.endedAt ?? timeline.destroyedAt;
      return {
        orderId: lostOrder.orderId,
        key: lostOrder.key,
        acknowledgedAt: new Date(ackedAt).toISOString(),
        beforeBackup: ackedAt < timeline.backupStartedAt,
        ackedAt,
      };
    })
    .sort((a, b) => a.ackedAt - b.ackedAt);
  const lastLost = lost.at(-1)?.ackedAt;
  return {
    rtoMs: timeline.servingAt - timeline.destroyedAt,
    lost: lost.map(({ ackedAt: _ackedAt, ...rest }) => rest),
    rpoMs: lastLost === undefined ? 0 : Math.max(1, lastLost - timeline.backupStartedAt),
    lostBeforeBackup: lost.filter((l) => l.beforeBackup).map(({ ackedAt: _ackedAt, ...rest }) => rest),
  };
}
