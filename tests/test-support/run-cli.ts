import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * The environment a CLI child gets: this process's, without any HARNESS_* variable the
 * developer happens to have set, as on CI, plus `env`.
 */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HARNESS_')));
  // Every smoke run fuzzes; tests not about fuzzing give it a short budget (tests that are set their own).
  return { ...base, CI: 'true', HARNESS_FUZZ_BUDGET_MS: '2000', ...env };
}

/**
 * Runs the harness CLI as a user would, in a child process with a clean HARNESS_*
 * environment plus `env`, and kills it at `timeoutMs` so no test can hang.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 90_000,
  cwd = PROJECT_ROOT,
): Promise<CliOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'cli', 'main.ts'), ...args], {
      cwd,
      env: cliEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
