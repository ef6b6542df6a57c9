import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { runCli } from './test-support/run-cli.ts';

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * The text as written, and as a reader could decode it: URL-decoded, HTML- and JSON-unescaped,
 * and every base64-looking run decoded. A secret hidden by an encoding shows up in one of these.
 */
function decodings(text: string): string[] {
  const urlDecoded = text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
  const htmlUnescaped = text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  const jsonUnescaped = text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\(["\\/])/g, '$1');
  const base64Decoded = (text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []).map((run) =>
    Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1'),
  );
  return [text, urlDecoded, htmlUnescaped, jsonUnescaped, urlDecoded.replace(/\+/g, ' '), ...base64Decoded];
}

/** Every 6-character part of `secret` that occurs in `text` or a decoding of it. */
function leakedParts(text: string, secret: string): string[] {
  const readings = decodings(text);
  const parts: string[] = [];
  for (let i = 0; i + 6 <= secret.length; i += 1) {
    const part = secret.slice(i, i + 6);
    if (readings.some((reading) => reading.includes(part))) parts.push(part);
  }
  return parts;
}

test('canary secrets never reach any output, whole or as a part of 6 characters, however the target echoes them', async () => {
  // Characters that URL, JSON, HTML and base64 encode differently, and no ordinary words.
  const email = 'parent@fake.hasivu.test';
  const canary = {
    password: 'Cq7"Zx/9v+K3 w&T<8m>J',
    webhookSecret: 'Wd4"Hk/2p+R8 q&N<5s>',
    tokenPrefix: 'Tq3Vz8Lk2Rx7',
  };
  await using fake = await startFakePlatform({
    breakage: 'reflects-secrets',
    email,
    password: canary.password,
    webhookSecret: canary.webhookSecret,
    tokenPrefix: canary.tokenPrefix,
  });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
  try {
    const env = {
      HARNESS_BASE_URL: fake.url,
      HARNESS_USER_EMAIL: email,
      HARNESS_USER_PASSWORD: canary.password,
      HARNESS_WEBHOOK_SECRET: canary.webhookSecret,
      HARNESS_REPORTS_DIR: reportsDir,
    };
    const smoke = await runCli(['run', 'smoke'], env);
    const check = await runCli(['check'], env);
    expect(smoke.code).toBe(1);
    // The echoes did reach failure messages, masked, and the previews that cut through them
    // were written: proof that the scan below is not vacuous.
    const results = await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8');
    expect(results).toMatch(/\*\*\*/);
    expect(results).toMatch(/body starts: x{20,}/);
    expect(results).toMatch(/not JSON .*starts \\"x{20,}/);

    const files = await allFiles(reportsDir);
    expect(files.map((f) => f.slice(reportsDir.length))).toEqual(
      expect.arrayContaining([
        '/results/smoke.json',
        '/logs/smoke-vitest.log',
        '/scorecard.json',
        '/scorecard.md',
        '/scorecard.html',
        '/junit.xml',
      ]),
    );
    const outputs: Record<string, string> = {
      'run smoke stdout': smoke.stdout,
      'run smoke stderr': smoke.stderr,
      'check stdout': check.stdout,
      'check stderr': check.stderr,
    };
    for (const file of files) outputs[file.slice(reportsDir.length)] = await readFile(file, 'utf8');
    const leaks = Object.entries(outputs).flatMap(([where, text]) =>
      Object.entries(canary).flatMap(([name, secret]) =>
        leakedParts(text, secret).map((part) => `${where}: part "${part}" of ${name}`),
      ),
    );
    expect(leaks).toEqual([]);
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
});
