import '../pact-telemetry.ts';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import type { Target } from '../../runner/target.ts';
import { preview, redact } from '../../common/redact.ts';
import { ApiClient } from '../../fixtures/api-client/api-client.ts';
import { PROVIDER_NAME } from '../contract-names.ts';
import { PlatformSession } from './platform-session.ts';
import { createRequestFilter } from './request-filter.ts';
import { buildStateHandlers, type Setup } from './state-handlers.ts';
import { StateLedger } from './state-ledger.ts';
import { BUILT_IN_STATE_SETUPS } from './state-setups.ts';
import { loadStatesHook } from './states-hook.ts';
import { parseVerifierOutput, type VerifierOutput } from './verifier-output.ts';

export interface ConsumerVersionSelector {
  mainBranch?: boolean;
  branch?: string;
  matchingBranch?: boolean;
  deployedOrReleased?: boolean;
  deployed?: boolean;
  released?: boolean;
  environment?: string;
  consumer?: string;
  latest?: boolean;
}

/** Where the pacts come from when a broker is configured (PACT_BROKER_BASE_URL). */
export interface BrokerPactSource {
  url: string;
  token?: string;
  username?: string;
  password?: string;
  consumerVersionSelectors: ConsumerVersionSelector[];
  enablePending: boolean;
  /** The provider version verification results are published under. */
  providerVersion: string;
  providerVersionBranch?: string;
  publishResults: boolean;
}

export interface VerifyProviderOptions {
  target: Target;
  /** Deadline of each request the verifier or a state handler sends (profile target.requestTimeoutMs). */
  requestTimeoutMs: number;
  maxResponseBytes: number;
  /** Local pact files; used when no broker is given. */
  pactFiles: string[];
  broker?: BrokerPactSource;
  /** HARNESS_CONTRACT_STATES: a module replacing built-in state setups. */
  statesHook?: string;
}

export interface VerificationRun {
  /** The verifier's per-interaction results; undefined when it could not run at all. */
  output: VerifierOutput | undefined;
  /** Why the verifier could not run, when it could not. */
  crash?: string;
  /** States this target cannot reach, with the reason: their interactions are skipped. */
  unavailable: Record<string, string>;
  /** States whose setup failed during the run, with the error. */
  failed: Record<string, string>;
  /** Every state this provider knows how to set up. */
  knownStates: string[];
  /**
   * Errors the Pact core logged while publishing verification results to a broker. It
   * only logs them (the verification itself still succeeds), so run-verification.ts
   * reads them from the report.
   */
  publishFailures?: string[];
}

function verifierSource(options: VerifyProviderOptions): Partial<VerifierOptions> {
  const { broker } = options;
  if (!broker) return { pactUrls: options.pactFiles };
  return {
    pactBrokerUrl: broker.url,
    ...(broker.token ? { pactBrokerToken: broker.token } : {}),
    ...(broker.username ? { pactBrokerUsername: broker.username, pactBrokerPassword: broker.password ?? '' } : {}),
    consumerVersionSelectors: broker.consumerVersionSelectors,
    enablePending: broker.enablePending,
    providerVersion: broker.providerVersion,
    ...(broker.providerVersionBranch ? { providerVersionBranch: broker.providerVersionBranch } : {}),
    publishVerificationResult: broker.publishResults,
  };
}

/**
 * Verifies the provider at `target.baseUrl` against the consumers' pacts, in this
 * process. Use run-verification.ts to run it in a child process, which keeps the Pact
 * core's console output out of the caller's and can be stopped on a deadline.
 */
export async function verifyProvider(options: VerifyProviderOptions): Promise<VerificationRun> {
  const { target } = options;
  const hook = await loadStatesHook({ HARNESS_CONTRACT_STATES: options.statesHook });
  const ledger = new StateLedger();
  const setups = new Map<string, Setup>();
  for (const [name, builtIn] of Object.entries(BUILT_IN_STATE_SETUPS)) {
    const hooked = hook.get(name);
    setups.set(name, hooked ?? ((context) => builtIn.setup(context)));
    const reason = hooked ? undefined : builtIn.unavailable(target);
    if (reason) ledger.unavailable.set(name, reason);
  }

  const client = new ApiClient({
    baseUrl: target.baseUrl,
    timeoutMs: options.requestTimeoutMs,
    maxResponseBytes: options.maxResponseBytes,
  });
  const session = new PlatformSession(client, target);
  const verifier = new Verifier({
    provider: PROVIDER_NAME,
    providerBaseUrl: target.baseUrl,
    ...verifierSource(options),
    stateHandlers: buildStateHandlers(setups, { target, session }, ledger),
    requestFilter: createRequestFilter(ledger, async () => (await session.parent()).accessToken),
    timeout: options.requestTimeoutMs,
    failIfNoPactsFound: true,
    logLevel: 'error',
  });

  const run = (output: VerifierOutput | undefined, crash?: string): VerificationRun => ({
    output,
    ...(crash ? { crash: redact(crash) } : {}),
    unavailable: Object.fromEntries(ledger.unavailable),
    failed: Object.fromEntries(ledger.failed),
    knownStates: [...setups.keys()],
  });
  try {
    const text = await verifier.verifyProvider();
    return run(
      parseVerifierOutput(text),
      parseVerifierOutput(text) ? undefined : `unexpected verifier answer: ${preview(text, 300)}`,
    );
  } catch (error) {
    // A failed verification rejects with the same JSON; anything else means it did not run.
    const message = error instanceof Error ? error.message : String(error);
    const output = parseVerifierOutput(message);
    return run(output, output ? undefined : message);
  } finally {
    await client.close();
  }
}
