import { HarnessError } from '../../common/harness-error.ts';
import type {
  DrillAdapterCandidate,
  DrillAdapterContext,
  DrillAdapters,
} from './drill-adapters.ts';

/**
 * Walks the candidates in order (aws, then local) and prepares the first applicable one.
 * Every skipped candidate logs why, and when none applies the error repeats every reason:
 * nothing has been injected at that point.
 */
export async function selectDrillAdapters(
  candidates: readonly DrillAdapterCandidate[],
  context: DrillAdapterContext,
): Promise<DrillAdapters> {
  const skipped: string[] = [];
  for (const candidate of candidates) {
    const verdict = candidate.applicability(context);
    if (!verdict.applicable) {
      const line = `${candidate.name}: ${verdict.reason}`;
      skipped.push(line);
      context.log(`chaos: fault injector ${candidate.name} skipped: ${verdict.reason}`);
      continue;
    }
    context.log(`chaos: using the ${candidate.name} fault injector`);
    return candidate.prepare(context);
  }
  throw new HarnessError(
    'NO_FAULT_INJECTOR',
    `No fault injector can run drills on ${context.environment.profile.name}; nothing was injected:\n${skipped
      .map((s) => `  - ${s}`)
      .join('\n')}`,
  );
}
