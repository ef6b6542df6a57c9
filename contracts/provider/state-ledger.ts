/** Why the interaction being verified cannot run as written. */
export interface HeldInteraction {
  kind: 'skip' | 'error';
  reason: string;
}

/**
 * What the state handlers learned, shared with the request filter. The verifier works
 * through interactions one at a time (setup of each state → the request → teardown),
 * so "the current interaction" is well defined: a state that cannot be set up holds
 * it, and the request filter answers that request itself instead of sending a
 * half-prepared request to the target.
 */
export class StateLedger {
  /** States this target cannot reach at all, with the reason (a missing secret). */
  readonly unavailable = new Map<string, string>();
  /** States whose setup failed during this run, with the error. */
  readonly failed = new Map<string, string>();
  #held: HeldInteraction | undefined;

  get held(): HeldInteraction | undefined {
    return this.#held;
  }

  /** The first reason wins: later states of the same interaction are not even tried. */
  hold(outcome: HeldInteraction): void {
    this.#held ??= outcome;
  }

  /** Called for the interaction's request; the hold never leaks into the next interaction. */
  take(): HeldInteraction | undefined {
    const held = this.#held;
    this.#held = undefined;
    return held;
  }
}
