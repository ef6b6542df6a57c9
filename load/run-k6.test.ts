import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { registerSecret } from '../common/redact.ts';
import { runK6 } from './run-k6.ts';

const dir = await mkdtemp(join(tmpdir(), 'hasivu-run-k6-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A stand-in for k6: prints what k6 prints, then waits for SIGINT like k6 does. */
async function script(body: string): Promise<string> {
  const path = join(dir, `k6-${Math.random().toString(36).slice(2)}`);
  await writeFile(path, `#!/bin/bash\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('running k6', () => {
  test('streams its output, redacted, and reads the signs of trouble', async () => {
    registerSecret('canary-password-123');
    const k6Path = await script(
      [
        'echo "running (01.0s), 0/5 VUs, 10 complete"',
        'echo "login with canary-password-123 and Bearer abc.def.ghi" >&2',
        `echo 'time="t" level=warning msg="Insufficient VUs, reached 5 active VUs and cannot initialize more"' >&2`,
        `echo 'time="t" level=error msg="thresholds on metrics were crossed; at least one has abortOnFail enabled, stopping test prematurely"' >&2`,
        'exit 99',
      ].join('\n'),
    );
    const lines: string[] = [];
    const exit = await runK6({
      k6Path,
      args: [],
      env: {},
      log: (l) => lines.push(l),
      signal: new AbortController().signal,
      deadlineMs: 10_000,
    });
    expect(exit).toMatchObject({ code: 99, thresholdAbort: true, insufficientVUs: true });
    expect(exit.errors).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('canary-password-123');
    expect(lines.join('\n')).not.toContain('abc.def.ghi');
    expect(lines).toContain('running (01.0s), 0/5 VUs, 10 complete');
  });

  test('gets the secrets in its environment, not its arguments', async () => {
    const k6Path = await script('echo "args=$# pw=${HARNESS_USER_PASSWORD:+set}"');
    const lines: string[] = [];
    await runK6({
      k6Path,
      args: ['run', 'x.js'],
      env: { HARNESS_USER_PASSWORD: 'p' },
      log: (l) => lines.push(l),
      signal: new AbortController().signal,
      deadlineMs: 10_000,
    });
    expect(lines).toEqual(['args=2 pw=set']);
  });

  test('is stopped with SIGINT at its deadline, so it can still write its summary', async () => {
    const k6Path = await script(
      'trap \'echo "summary written"; exit 105\' INT\necho started\nwhile true; do sleep 0.05; done',
    );
    const lines: string[] = [];
    const exit = await runK6({
      k6Path,
      args: [],
      env: {},
      log: (l) => lines.push(l),
      signal: new AbortController().signal,
      deadlineMs: 1000,
    });
    expect(exit.stoppedBy).toBe('deadline');
    expect(exit.code).toBe(105);
    expect(lines).toContain('summary written');
  });

  test('is stopped the same way when the run is interrupted', async () => {
    const k6Path = await script("trap 'exit 105' INT\necho ready\nwhile true; do sleep 0.05; done");
    const controller = new AbortController();
    // Interrupt once it is listening for SIGINT, as k6 is from its first line of output.
    const log = (line: string): void => (line === 'ready' ? controller.abort() : undefined);
    const exit = await runK6({
      k6Path,
      args: [],
      env: {},
      log,
      signal: controller.signal,
      deadlineMs: 60_000,
    });
    expect(exit).toMatchObject({ stoppedBy: 'signal', code: 105 });
  });
});
