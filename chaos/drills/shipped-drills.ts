import { join } from 'node:path';
import { loadDrillFile } from '../model/load-drill.ts';
import type { Drill } from '../model/drill-schema.ts';

/** The drills that ship, in the order `run chaos` runs them: releases first, then dependencies. */
export const SHIPPED_DRILL_NAMES: readonly string[] = [
  'canary-error-rollback',
  'canary-latency-rollback',
  'fis-invocation-error',
  'canary-healthy-promotes',
  'redis-outage',
  'postgres-restart',
];

export function shippedDrillPath(name: string): string {
  return join(import.meta.dirname, `${name}.json`);
}

/** A shipped drill, validated like any user's drill file. */
export function loadShippedDrill(name: string): Promise<Drill> {
  return loadDrillFile(shippedDrillPath(name));
}
