import { join } from 'node:path';
import { redact } from '../../common/redact.ts';
import type { Check } from '../../reports/run-result.ts';
import type { Target } from '../../runner/target.ts';
import { resolveBrokerConfig, type BrokerConfig } from '../broker/broker-config.ts';
import { CONSUMER_NAMES, PACTS_DIR, pactFilePath } from '../contract-names.ts';
import { loadStatesHook } from '../provider/states-hook.ts';
import type { BrokerPactSource, VerificationRun } from '../provider/verify-provider.ts';

export interface ContractRunOptions {
  environmentName: string;
  target: Target;
  reportsDir: string;
  requestTimeoutMs: number;
  maxResponseBytes: number;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  signal: AbortSignal;
  /** Regenerate the pacts first (default). Tests that only verify set this to false. */
  runConsumers?: boolean;
  /** The committed pacts; tests point this elsewhere. */
  pactsDir?: string;
  /** Deadlines of the two steps. */
  consumerTimeoutMs?: number;
  verificationTimeoutMs?: number;
}

/** What the phases of one contract run know; each phase reads it and adds what it learned. */
export interface ContractRun {
  options: ContractRunOptions;
  /** Undefined without a Pact Broker: then the committed pacts are verified. */
  broker: BrokerConfig | undefined;
  pactsDir: string;
  pactFiles: string[];
  /** Only a pact its consumer tests just produced is published under this commit. */
  freshPacts: string[];
  workDir: string;
  /** The verifier's full output: evidence for every interaction check. */
  logFile: string;
  /** With a broker: the provider version being verified, when one is known. */
  providerVersion?: string;
  /** With a broker: where the verifier fetches the pacts from. */
  brokerSource?: BrokerPactSource;
  verification?: VerificationRun;
}

/** One step of a contract run; it returns the checks it produced (often none). */
export type ContractPhase = (run: ContractRun) => Promise<Check[]>;

/** Reads the configuration up front, so its errors surface before anything runs (exit code 2). */
export async function prepareContractRun(options: ContractRunOptions): Promise<ContractRun> {
  const broker = await resolveBrokerConfig(options.env, options.environmentName);
  await loadStatesHook(options.env);
  const pactsDir = options.pactsDir ?? PACTS_DIR;
  const pactFiles = CONSUMER_NAMES.map((c) => pactFilePath(c, pactsDir));
  const workDir = join(options.reportsDir, 'contract');
  return {
    options,
    broker,
    pactsDir,
    pactFiles,
    freshPacts: pactFiles,
    workDir,
    logFile: join(workDir, 'provider-verification.log'),
  };
}

/** A check about the contract run itself rather than one interaction; messages are redacted. */
export const harnessCheck = (
  id: string,
  title: string,
  partial: Pick<Check, 'status' | 'severity'> & Partial<Check>,
): Check => ({
  id,
  title,
  category: 'contract',
  durationMs: 0,
  ...partial,
  ...(partial.message ? { message: redact(partial.message) } : {}),
});

/**
 * One call to the broker as one check, timed; a call that throws becomes `onError`'s status and
 * severity with a message made from the error.
 */
export async function brokerCallCheck(
  id: string,
  title: string,
  call: () => Promise<Pick<Check, 'status' | 'severity'> & Partial<Check>>,
  onError: Pick<Check, 'status' | 'severity'> & { message: (error: Error) => string },
): Promise<Check[]> {
  const started = Date.now();
  try {
    const outcome = await call();
    return [harnessCheck(id, title, { ...outcome, durationMs: Date.now() - started })];
  } catch (error) {
    return [
      harnessCheck(id, title, {
        status: onError.status,
        severity: onError.severity,
        message: onError.message(error as Error),
        durationMs: Date.now() - started,
      }),
    ];
  }
}
