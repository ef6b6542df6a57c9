import { registerSecret } from '../../common/redact.ts';
import { verifyProvider, type VerificationRun, type VerifyProviderOptions } from './verify-provider.ts';

/**
 * Child-process entry of run-verification.ts: receives the options over IPC, verifies,
 * sends the VerificationRun back and exits. The Pact core prints its report on this
 * process's stdout, which the parent keeps as a log file instead of its console.
 */
const fail = (crash: string): void => {
  const run: VerificationRun = {
    output: undefined,
    crash,
    unavailable: {},
    failed: {},
    knownStates: [],
  };
  process.send?.(run, () => process.exit(1));
};

// pact-js proxies to the target without an error handler, so a target that stops answering
// throws here; report it as the reason instead of dying without a word.
process.once('uncaughtException', (error) =>
  fail(`the target stopped answering during verification: ${error.message}`),
);

process.once('message', (message: VerifyProviderOptions) => {
  const { target, broker } = message;
  [target.credentials.password, target.webhookSecret, target.adminToken, broker?.token, broker?.password].forEach(
    registerSecret,
  );
  verifyProvider(message)
    .catch((error: unknown): VerificationRun => ({
      output: undefined,
      crash: error instanceof Error ? error.message : String(error),
      unavailable: {},
      failed: {},
      knownStates: [],
    }))
    .then((run) => process.send?.(run, () => process.exit(0)))
    .catch(() => process.exit(1));
});
