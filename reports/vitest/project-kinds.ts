import type { Category, RunKind } from '../run-result.ts';

/**
 * Which vitest projects produce which RunResult kind. Projects not listed here produce
 * no result file: the harness's own tests, and the Pact consumer tests, whose passing
 * mock-server runs must never count as verification (contracts/ writes that result).
 */
export function kindOfProject(projectName: string): RunKind | undefined {
  if (projectName === 'smoke') return 'smoke';
  if (projectName === 'integration') return 'integration';
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
