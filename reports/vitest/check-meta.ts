import type { Category, Measured, Severity } from '../run-result.ts';

/**
 * What a product-suite test declares about itself, so its outcome becomes a
 * scorecard check. Static parts go in the test options (`{ meta: { check } }`);
 * measurements are added at run time with `recordMeasurement`.
 */
export interface CheckMeta {
  id: string;
  category: Category;
  severity: Severity;
  /** Defaults to the test's name. */
  title?: string;
  measured?: Measured;
  evidence?: string[];
  /** Set by `recordWarning`: a passing test becomes a `warn` check with this message. */
  warning?: string;
}

declare module 'vitest' {
  interface TaskMeta {
    check?: CheckMeta;
  }
}

/** Options for a product-suite test: tags plus the check it produces. */
export function check(
  id: string,
  category: Category,
  severity: Severity,
  tags: string[] = [],
): { meta: { check: CheckMeta }; tags: string[] } {
  return { meta: { check: { id, category, severity } }, tags };
}

interface TaskWithMeta {
  meta: { check?: CheckMeta };
}

/** Attaches a measured value to the running test's check (shown in the scorecard). */
export function recordMeasurement(task: TaskWithMeta, measured: Measured): void {
  if (task.meta.check) task.meta.check.measured = measured;
}

/**
 * Marks a passing check as `warn`: it holds, but close to its limit (a certificate that
 * expires within 30 days, a documented response this target cannot be made to give).
 */
export function recordWarning(task: TaskWithMeta, message: string): void {
  if (task.meta.check) task.meta.check.warning = message;
}
