import { totalmem } from 'node:os';
import type { CheckResult } from './health-types.ts';

const WARN_AT_PERCENT = 85;
const FAIL_AT_PERCENT = 95;

/** The memory this process may use: the cgroup limit when there is one (as on Lambda), else the machine's. */
function memoryLimitBytes(): number {
  const constrained = process.constrainedMemory();
  return constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
}

/** Resident memory as a share of the limit: the number that ends in an out-of-memory kill. */
export function memoryCheck(): CheckResult {
  const percent = Math.round((process.memoryUsage.rss() / memoryLimitBytes()) * 1000) / 10;
  const status = percent >= FAIL_AT_PERCENT ? 'fail' : percent >= WARN_AT_PERCENT ? 'warn' : 'pass';
  return {
    componentType: 'system',
    observedValue: percent,
    observedUnit: 'percent',
    status,
    time: new Date().toISOString(),
    ...(status === 'pass' ? {} : { output: `resident memory is ${percent}% of the limit` }),
  };
}
