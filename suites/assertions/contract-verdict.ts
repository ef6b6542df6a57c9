import { TargetResponseError } from '../../fixtures/api-client/api-response.ts';
import type { ResolvedEnvironment } from '../../fixtures/environments/resolve-profile.ts';
import { PROJECT_ADDITION_NOTE } from '../../reports/run-result.ts';
import { recordWarning } from '../../reports/vitest/check-meta.ts';

/**
 * A target that breaks only the project's addition to the contract (docs/contract.md),
 * not PLATFORM-API.md. The page itself says such an expectation "may warn, but never
 * fails a deployment that honours this page": the check becomes `warn`, unless the
 * profile opts in with `contract.strict: true`.
 */
export class ProjectAdditionUnmet extends TargetResponseError {
  override name = 'ProjectAdditionUnmet';
}

export function additionUnmet(reason: string, problem: string): ProjectAdditionUnmet {
  // The note comes first: reports that show a message's first line alone still say why it only warns.
  return new ProjectAdditionUnmet(`${PROJECT_ADDITION_NOTE} (${reason}): ${problem}`);
}

/** Whether the project's additions fail checks here, as the published contract's sentences do. */
export const contractStrict = (environment: ResolvedEnvironment): boolean =>
  environment.profile.contract?.strict ?? false;

interface Judged {
  environment: ResolvedEnvironment;
  task: Parameters<typeof recordWarning>[0];
}

/** What a check concluded about an addition: a warning, or with `contract.strict` a failure. */
export function additionVerdict(fx: Judged, unmet: ProjectAdditionUnmet): void {
  if (contractStrict(fx.environment))
    throw new TargetResponseError(`${unmet.message}; failing because the profile sets contract.strict: true`);
  recordWarning(fx.task, unmet.message);
}

/** Runs a check's judgement; a broken addition ends it as that verdict, anything else as it threw. */
export async function judgedBySource(fx: Judged, run: () => Promise<void> | void): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ProjectAdditionUnmet)) throw error;
    additionVerdict(fx, error);
  }
}
