import { rm } from 'node:fs/promises';
import { PACTS_DIR, pactFilePath } from '../contract-names.ts';

/**
 * Where consumer tests write their pact. The contract runner points this at a scratch
 * directory and copies the files into contracts/pacts/ only when every consumer test
 * passed, so a failed run never leaves a half-written pact where the provider reads.
 */
export function pactOutputDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HARNESS_PACTS_OUT?.trim() || PACTS_DIR;
}

/** Pact merges into an existing file; starting from nothing drops interactions that were removed. */
export async function startFreshPact(consumer: string): Promise<void> {
  await rm(pactFilePath(consumer, pactOutputDir()), { force: true });
}
