import { HarnessError } from '../../common/harness-error.ts';
import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import type { Target } from '../../runner/target.ts';
import type { AdapterCandidate } from './adapter-candidate.ts';
import type { DrillAdapters } from './drill-adapters.ts';
import { localCandidate } from './local/local-candidate.ts';

/**
 * The AWS candidate (FIS, CloudWatch, CodeDeploy and Lambda through the SDK) goes first once it
 * exists: it applies when the profile has an `aws` block. Until then it says why it is skipped.
 */
const awsPlaceholder: AdapterCandidate = {
  name: 'aws',
  open: (_target, environment) =>
    Promise.resolve({
      skip: environment.profile.aws
        ? 'the AWS adapters (FIS, CloudWatch, CodeDeploy, Lambda) are not part of this build yet'
        : `the ${environment.profile.name} profile has no aws block`,
    }),
};

export const ADAPTER_CANDIDATES: readonly AdapterCandidate[] = [awsPlaceholder, localCandidate];

/**
 * The first candidate that applies. When none does, exit 2 before anything is injected, with
 * every candidate's reason.
 */
export async function selectAdapters(
  target: Target,
  environment: ResolvedEnvironment,
  log: (line: string) => void,
  signal: AbortSignal,
  candidates: readonly AdapterCandidate[] = ADAPTER_CANDIDATES,
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
