/** draft-inadarei-api-health-check: `pass` and `warn` are healthy, `fail` is not. */
export type HealthStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  componentType: 'datastore' | 'system' | 'component';
  observedValue?: number;
  observedUnit?: string;
  status: HealthStatus;
  time: string;
  /** Why a check is not `pass`, or which backend answered it. */
  output?: string;
}

export type Checks = Record<string, CheckResult[]>;

const RANK: Record<HealthStatus, number> = { pass: 0, warn: 1, fail: 2 };

export function worstStatus(checks: Checks): HealthStatus {
  let worst: HealthStatus = 'pass';
  for (const results of Object.values(checks)) {
    for (const { status } of results) if (RANK[status] > RANK[worst]) worst = status;
  }
  return worst;
}
