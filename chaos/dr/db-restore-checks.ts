import type { Check } from '../../reports/run-result.ts';
import type { RecoveryObjectives } from './recovery-objectives.ts';
import type { OrderSetReport } from '../traffic/order-set-check.ts';

export interface DbRestoreFindings {
  drill: string;
  objectives: RecoveryObjectives | undefined;
  orderSet: OrderSetReport | undefined;
  /** Why the drill could not finish, if it could not. */
  error?: string;
  targets: { rtoMs: number; rpoMs: number };
  journalPath: string;
  durationMs: number;
}

const MAX_LISTED = 50;

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_LISTED).join(', ');
  return ids.length > MAX_LISTED ? `${shown} and ${ids.length - MAX_LISTED} more (all in the journal)` : shown;
}

/**
 * The restore drill as checks in `resilience`: RTO and RPO against the profile's targets, and
 * the critical promise that no order acknowledged before the backup is lost. Pure.
 */
export function dbRestoreChecks(findings: DbRestoreFindings): Check[] {
  const base = {
    category: 'resilience' as const,
    evidence: [findings.journalPath],
    durationMs: findings.durationMs,
  };
  const id = (aspect: string): string => `chaos.${findings.drill}.${aspect}`;
  const { objectives } = findings;
  if (!objectives || findings.error) {
    return [
      {
        ...base,
        id: id('outcome'),
        title: 'Database lost and restored from backup: the platform serves orders again',
        severity: 'critical',
        status: 'error',
        message: findings.error ?? 'the drill ended without measurements',
      },
    ];
  }
  const lostIds = objectives.lost.map((l) => l.orderId);
  return [
    {
      ...base,
      id: id('outcome'),
      title: 'Database lost and restored from backup: the platform serves orders again',
      severity: 'critical',
      status: 'pass',
    },
    {
      ...base,
      id: id('rto'),
      title: 'Recovery time objective: database dropped → orders acknowledged again',
      severity: 'major',
      status: objectives.rtoMs <= findings.targets.rtoMs ? 'pass' : 'fail',
      measured: { value: objectives.rtoMs, unit: 'ms', target: `<=${findings.targets.rtoMs}` },
      ...(objectives.rtoMs > findings.targets.rtoMs
        ? {
            message: `the platform served again ${objectives.rtoMs} ms after the database was lost; sla.rtoMs is ${findings.targets.rtoMs}`,
          }
        : {}),
    },
    {
      ...base,
      id: id('rpo'),
      title: 'Recovery point objective: acknowledged orders the restore lost, and the time they span',
      severity: 'major',
      status: objectives.rpoMs <= findings.targets.rpoMs ? 'pass' : 'fail',
      measured: { value: objectives.rpoMs, unit: 'ms', target: `<=${findings.targets.rpoMs}` },
      ...(objectives.lost.length > 0
        ? {
            message: `${objectives.lost.length} acknowledged orders lost, spanning ${objectives.rpoMs} ms after the backup (sla.rpoMs ${findings.targets.rpoMs}): ${listIds(lostIds)}`,
          }
        : {}),
    },
    {
      ...base,
      id: id('backup-holds-acknowledged-orders'),
      title: 'Every order acknowledged before the backup survives the restore',
      severity: 'critical',
      status:
        objectives.lostBeforeBackup.length === 0 && (findings.orderSet?.unexpected.length ?? 0) === 0 ? 'pass' : 'fail',
      ...(objectives.lostBeforeBackup.length > 0
        ? {
            message: `lost although acknowledged before the backup: ${listIds(objectives.lostBeforeBackup.map((l) => l.orderId))}`,
          }
        : (findings.orderSet?.unexpected.length ?? 0) > 0
          ? {
              message: `orders that are not what was sent: ${listIds(findings.orderSet?.unexpected.map((u) => u.orderId) ?? [])}`,
            }
          : {}),
    },
  ];
}
