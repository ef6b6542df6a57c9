import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

const ACCOUNT = {
  email: 'parent@fake.hasivu.test',
  password: 'Fk7p-Qz2m-Lx9w',
  webhookSecret: 'Wh4k-Rn8t-Vc3j',
};

test('a failed login is one root-cause failure with blocked dependents in the terminal, Markdown, HTML and JUnit', async () => {
  await using fake = await startFakePlatform({ breakage: 'none', ...ACCOUNT });
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-login-root-'));
  try {
    const env = {
      HARNESS_BASE_URL: fake.url,
      HARNESS_USER_EMAIL: ACCOUNT.email,
      // Random-looking: every 6-character part of a secret is masked, so an ordinary word in it would hide words of the target's message.
      HARNESS_USER_PASSWORD: 'Nq5t-Hv2c-Yd8r',
      HARNESS_WEBHOOK_SECRET: ACCOUNT.webhookSecret,
      HARNESS_REPORTS_DIR: reportsDir,
    };
    const smoke = await runCli(['run', 'smoke', '--env', 'staging'], env);
    expect(smoke.code).toBe(1);
    const result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')));
    const root = result.checks.find((c) => c.id === 'smoke.business.login');
    expect(root?.status).toBe('fail');
    const blocked = result.checks.filter((c) => c.status === 'blocked');
    expect(blocked.length).toBeGreaterThanOrEqual(6);
    expect(blocked.every((c) => c.blockedBy === 'smoke.business.login')).toBe(true);
    expect(result.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['smoke.business.login']);

    const gate = await runCli(['check', '--env', 'staging'], env);
    expect(gate.code).toBe(1);
    const why = gate.stdout.slice(gate.stdout.indexOf('Why:'));
    expect(why.split('\n')[1]).toMatch(
      new RegExp(
        `^ {2}- critical check smoke\\.business\\.login failed \\(${blocked.length} dependent checks blocked\\)`,
      ),
    );
    expect(gate.stdout).toContain(`+ ${blocked.length} dependent checks blocked by it`);
    // The target's own words reach the report unmasked: only secrets are hidden.
    expect(root?.message).toContain('email or password is wrong');
    // The category table counts blocked checks in a column of their own; the health checks
    // need no account, so the failed login blocks none of them.
    expect(countIn(blocked, 'health')).toBe(0);
    expect(gate.stdout).toMatch(/\nhealth(\s+\S+){7}\s+0\s+yes\n/);
    expect(gate.stdout).toMatch(new RegExp(`\\nsmoke(\\s+\\S+){7}\\s+${countIn(blocked, 'smoke')}\\s+yes\\n`));
    expect(gate.stdout).toMatch(new RegExp(`\\nsecurity(\\s+\\S+){7}\\s+${countIn(blocked, 'security')}\\s+yes\\n`));

    const markdown = await readFile(join(reportsDir, 'scorecard.md'), 'utf8');
    expect(markdown).toContain(`${blocked.length} dependent checks blocked: `);
    expect(markdown).not.toContain(`| ⛔ |`);
    const html = await readFile(join(reportsDir, 'scorecard.html'), 'utf8');
    expect(html).toContain(`${blocked.length} dependent checks blocked: `);
    expect(html).not.toContain('class="status-blocked"');
    const junit = await readFile(join(reportsDir, 'junit.xml'), 'utf8');
    expect(junit.match(/<failure message="POST \/auth\/login answered 401/g)).toHaveLength(1);
    expect(junit.match(/<skipped message="blocked by smoke\.business\.login"\/>/g)).toHaveLength(blocked.length);
    expect(junit).toMatch(/<testcase classname="gate" name="gate" time="0.000">\s+<failure /);
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
});

function countIn(checks: readonly { category: string }[], category: string): number {
  return checks.filter((c) => c.category === category).length;
}
