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

// The chaos drill runner still imports this name from here while it is being reworked;
// point it at common/display-path.ts and remove this line.
export { displayPath as evidencePath } from '../common/display-path.ts';
