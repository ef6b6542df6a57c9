import { ApiClient } from '../../fixtures/api-client/api-client.ts';
import type { Check } from '../../reports/run-result.ts';
import { displayPath } from '../../common/display-path.ts';
import { interactionChecks } from '../contract-checks.ts';
import { PROVIDER_NAME, pactFilePath } from '../contract-names.ts';
import { plannedInteractions, type PlannedInteraction } from '../pact-file.ts';
import { runVerification } from '../provider/run-verification.ts';
import type { VerificationRun } from '../provider/verify-provider.ts';
import { harnessCheck, type ContractRun, type ContractRunOptions } from './contract-run.ts';

/** Any HTTP answer will do; only "nothing answers" stops the verification before it starts. */
async function unreachable(options: ContractRunOptions): Promise<string | undefined> {
  const client = new ApiClient({
    baseUrl: options.target.baseUrl,
    timeoutMs: options.requestTimeoutMs,
    maxResponseBytes: options.maxResponseBytes,
  });
  try {
    await client.get('/health/live');
    return undefined;
  } catch (error) {
    return `the target does not answer: ${(error as Error).message}`;
  } finally {
    await client.close();
  }
}

async function verify(run: ContractRun, down: string | undefined): Promise<VerificationRun> {
  if (down) return { output: undefined, crash: down, unavailable: {}, failed: {}, knownStates: [] };
  const { options, brokerSource } = run;
  return runVerification(
    {
      target: options.target,
      requestTimeoutMs: options.requestTimeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      pactFiles: run.pactFiles,
      ...(brokerSource ? { broker: brokerSource } : {}),
      ...(options.env.HARNESS_CONTRACT_STATES ? { statesHook: options.env.HARNESS_CONTRACT_STATES } : {}),
    },
    {
      logFile: run.logFile,
      timeoutMs: options.verificationTimeoutMs ?? 120_000,
      signal: options.signal,
    },
  );
}

/** The target verified against every pact: one check per interaction, or one error when none ran. */
export async function providerVerification(run: ContractRun): Promise<Check[]> {
  const { options, brokerSource, logFile } = run;
  const planned: PlannedInteraction[] = brokerSource ? [] : await plannedInteractions(run.pactFiles);
  options.log(
    `contract: verifying ${PROVIDER_NAME} at ${options.target.baseUrl} against ${brokerSource ? `pacts from ${brokerSource.url}` : `${planned.length} interactions in contracts/pacts/`}`,
  );
  const down = await unreachable(options);
  const verification = await verify(run, down);
  run.verification = verification;
  if (down) options.log(`contract: ${down}`);
  const evidence = (consumer: string): string[] => [
    brokerSource
      ? `${brokerSource.url}/pacts/provider/${PROVIDER_NAME}/consumer/${consumer}/latest`
      : displayPath(pactFilePath(consumer, run.pactsDir)),
    displayPath(logFile),
  ];
  const verified = interactionChecks({ run: verification, planned, evidence });
  if (verified.length > 0) return verified;
  return [
    harnessCheck('contract.verification', `${PROVIDER_NAME} verified against its consumers' pacts`, {
      status: 'error',
      severity: 'critical',
      message: verification.crash
        ? `the verification did not complete: ${verification.crash}`
        : 'the verifier found no interactions to verify',
      evidence: [displayPath(logFile)],
    }),
  ];
}
