import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { platformCodeSha256 } from '../platform/code-digest.ts';
import type { Scorecard } from '../reports/scorecard/scorecard.ts';
import { runCli } from './test-support/run-cli.ts';

/** The README's first command, end to end on the embedded local default. */
test('verify on local runs every stage against the reference platform and is ready', async () => {
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-verify-test-'));
  try {
    // Signed with a key made for this run: the gate below verifies with its public half.
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicKeyFile = join(reportsDir, 'team.pub');
    await writeFile(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
    const signingKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const outcome = await runCli(
      ['verify'],
      { HARNESS_REPORTS_DIR: reportsDir, HARNESS_SIGNING_KEY: signingKey },
      300_000,
    );
    expect(outcome.timedOut).toBe(false);
    for (const stage of ['smoke', 'contract', 'integration', 'load', 'chaos']) {
      expect(outcome.stderr).toMatch(new RegExp(`\\[pass\\] ${stage}: \\d+ passed, 0 failed`));
    }
    expect(outcome.stdout).toContain('verdict READY');
    expect(outcome.stdout).toMatch(/^performance\s+100\.0/m);
    // The chaos stage after load: the resilience category is evaluated from the drills.
    expect(outcome.stdout).toMatch(/^resilience\s+100\.0/m);

    const card = JSON.parse(await readFile(join(reportsDir, 'scorecard.json'), 'utf8')) as Scorecard;
    expect(card.verdict).toBe('ready');
    expect(card.runs.map((r) => r.kind).sort()).toEqual(['chaos', 'contract', 'integration', 'load', 'smoke']);
    for (const file of ['scorecard.md', 'scorecard.html', 'junit.xml']) {
      expect((await stat(join(reportsDir, file))).size).toBeGreaterThan(1000);
    }
    expect(await readFile(join(reportsDir, 'scorecard.html'), 'utf8')).toContain('data-drill="canary-error-rollback"');
    expect(outcome.code).toBe(0);

    // One signed attestation per stage and the verdict, about the platform's code digest.
    expect((await readdir(join(reportsDir, 'attestations'))).sort()).toEqual(
      ['chaos', 'contract', 'integration', 'load', 'smoke', 'verdict'].map((name) => `${name}.sigstore.json`),
    );
    const release = Buffer.from(platformCodeSha256(), 'base64').toString('hex');
    const gate = await runCli(['check', '--verify-with', publicKeyFile, '--release-digest', `sha256:${release}`], {
      HARNESS_REPORTS_DIR: reportsDir,
    });
    expect(gate.stderr).toContain(`verifying attestations against sha256:${release}`);
    expect(gate.stdout).toContain('verdict READY');
    expect(gate.code).toBe(0);
    expect(`${outcome.stdout}${outcome.stderr}${gate.stdout}${gate.stderr}`).not.toContain(
      signingKey.split('\n')[1] ?? 'none',
    );
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
});
