import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The provider every consumer contract is written against. */
export const PROVIDER_NAME = 'hasivu-platform';

/** The consumers whose contracts live in this repository, in the order they are reported. */
export const CONSUMER_NAMES = ['hasivu-web', 'hasivu-mobile'] as const;

/** Pact files are committed here so a provider can be verified without re-running consumers. */
export const PACTS_DIR = fileURLToPath(new URL('./pacts/', import.meta.url));

export function pactFilePath(consumer: string, pactsDir = PACTS_DIR): string {
  return join(pactsDir, `${consumer}-${PROVIDER_NAME}.json`);
}
