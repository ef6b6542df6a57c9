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
