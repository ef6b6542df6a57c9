import { HarnessError } from '../../common/harness-error.ts';
import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import type { Target } from '../../runner/target.ts';
import type { AdapterCandidate } from './adapter-candidate.ts';
import type { DrillAdapters } from './drill-adapters.ts';
import { awsCandidate, type AwsCandidateOptions } from './aws/candidate/aws-candidate.ts';
import { localCandidate } from './local/local-candidate.ts';

/** AWS first (FIS, CloudWatch, CodeDeploy, Lambda through the SDK), then the local control API. */
export function adapterCandidates(aws: AwsCandidateOptions = {}, only?: 'aws' | 'local'): readonly AdapterCandidate[] {
  if (only === 'aws') return [awsCandidate({ ...aws, rehearseLocally: true })];
  if (only === 'local') return [localCandidate];
  return [awsCandidate(aws), localCandidate];
}

/**
 * The first candidate that applies. When none does, exit 2 before anything is injected, with
 * every candidate's reason.
 */
export async function selectAdapters(
  target: Target,
  environment: ResolvedEnvironment,
  log: (line: string) => void,
  signal: AbortSignal,
  candidates: readonly AdapterCandidate[] = adapterCandidates({ log }),
): Promise<DrillAdapters> {
  const skipped: string[] = [];
  for (const candidate of candidates) {
    const opened = await candidate.open(target, environment, signal);
    if (!('skip' in opened)) {
      log(`chaos: drill adapters: ${candidate.name}`);
      return opened;
    }
    skipped.push(`${candidate.name}: ${opened.skip}`);
    log(`chaos: adapter ${candidate.name} not applicable: ${opened.skip}`);
  }
  throw new HarnessError(
    'NO_DRILL_ADAPTER',
    `no way to reach ${target.baseUrl || 'the target'}'s release controls, so no drill ran and nothing was injected:\n${skipped.map((s) => `  - ${s}`).join('\n')}`,
  );
}
