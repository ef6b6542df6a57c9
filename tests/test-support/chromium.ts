import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { test } from 'vitest';

/** Debian's Chromium (scripts/bootstrap.sh installs it); CHROMIUM_PATH overrides. */
function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
}

/**
 * `test` for a test that opens Chromium. CI installs Chromium through the bootstrap, so there
 * a missing browser fails; elsewhere it is a skip that says why.
 */
export const needsChromium = chromiumPath() || process.env.CI === 'true' ? test : test.skip;

/**
 * Headless Chromium with every background service off: this machine has no network,
 * and Chromium's own update and sync traffic must never leave it.
 */
export async function launchChromium(executablePath = chromiumPath() ?? '/usr/bin/chromium'): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
