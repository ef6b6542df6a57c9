import type { Category, RunKind } from '../run-result.ts';

/**
 * Which vitest projects produce which RunResult kind. Projects not listed here
 * (the harness's own tests) produce no result file.
 */
export function kindOfProject(projectName: string): RunKind | undefined {
  if (projectName === 'smoke') return 'smoke';
  if (projectName === 'integration') return 'integration';
  if (projectName.startsWith('contract')) return 'contract';
  return undefined;
}

/** The category a test lands in when it declares none. */
export const DEFAULT_CATEGORY: Record<RunKind, Category> = {
  smoke: 'smoke',
  integration: 'integration',
  contract: 'contract',
  load: 'performance',
  chaos: 'resilience',
};
