import type { VerifierOptions } from '@pact-foundation/pact';
import { redact } from '../../common/redact.ts';
import type { StateLedger } from './state-ledger.ts';
import type { StateContext, StateValues } from './state-setups.ts';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;

export type Setup = (context: StateContext) => Promise<StateValues>;

/**
 * Pact state handlers over the chosen setups. Errors never escape to pact-js (which
 * would print them unredacted and carry on); they are recorded and the interaction
 * is held, so the report says "could not set up X" instead of a confusing 404.
 */
export function buildStateHandlers(
  setups: ReadonlyMap<string, Setup>,
  context: StateContext,
  ledger: StateLedger,
): StateHandlers {
  const handlers: StateHandlers = {};
  for (const [name, setup] of setups) {
    handlers[name] = {
      setup: async () => {
        if (ledger.held) return {};
        const reason = ledger.unavailable.get(name);
        if (reason) {
          ledger.hold({ kind: 'skip', reason: `"${name}" ${reason}` });
          return {};
        }
        try {
          return await setup(context);
        } catch (error) {
          const message = redact(error instanceof Error ? error.message : String(error));
          ledger.failed.set(name, message);
          ledger.hold({ kind: 'error', reason: `setting up "${name}" failed: ${message}` });
          return {};
        }
      },
      // Teardown comes after the interaction's request; clearing here keeps a hold from
      // leaking into the next interaction if the verifier never sent the request.
      teardown: () => {
        ledger.take();
        return Promise.resolve({});
      },
    };
  }
  return handlers;
}
