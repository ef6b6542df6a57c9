import { relative } from 'node:path';
import type { RunContext } from '../runner/runner.ts';
import type { ScenarioBundle } from './bundle-scenarios.ts';
import type { ResultBase } from './load-result.ts';
import type { ResolvedLoad } from './resolve-load-plan.ts';

export interface LoadJob {
  context: RunContext;
  load: ResolvedLoad;
  bundle: ScenarioBundle;
  /** `<reportsDir>/load`: raw k6 summaries, run reports, manifests. */
  evidenceDir: string;
  base: ResultBase;
}

/** Paths in results read best relative to the repository the person is in. */
export function evidencePath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
