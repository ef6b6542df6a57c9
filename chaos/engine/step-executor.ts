import type { Activity } from '../model/drill-schema.ts';
import type { Phase } from './journal.ts';

/** How one step ended. A probe outside its tolerance is `ok: false`, not an exception. */
export interface StepOutcome {
  ok: boolean;
  output?: unknown;
  /** Why it is not ok, in words a person acts on. */
  message?: string;
}

/**
 * Runs one step against the target. The engine owns order, journaling, deadlines and
 * interrupts; the executor only knows what each `run` means. It must honour `signal`.
 */
export interface StepExecutor {
  run(step: Activity, phase: Phase, signal: AbortSignal): Promise<StepOutcome>;
}
