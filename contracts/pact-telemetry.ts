/**
 * Pact's native core reports anonymous usage unless told not to, and this harness runs
 * where nothing may phone home. Import this module before anything that loads Pact.
 * `??=` keeps an explicit choice: PACT_DO_NOT_TRACK=false turns the statistics back on.
 */
process.env.PACT_DO_NOT_TRACK ??= 'true';
process.env.SCARF_ANALYTICS ??= 'false';

/** The same defaults for a child process (the consumer vitest run). */
export function pactTelemetryEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    PACT_DO_NOT_TRACK: env.PACT_DO_NOT_TRACK ?? 'true',
    SCARF_ANALYTICS: env.SCARF_ANALYTICS ?? 'false',
  };
}
