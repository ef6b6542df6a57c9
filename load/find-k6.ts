import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FoundK6 {
  path: string;
  /** e.g. `2.2.0`. */
  version: string;
  /** Where it came from, for the log: `K6_BIN` or `PATH`. */
  source: 'K6_BIN' | 'PATH';
}

export type K6Lookup = { found: FoundK6 } | { missing: string };

/** One line that tells a person how to get k6; it is not on npm nor in Debian. */
export const INSTALL_HINT =
  'install k6 (https://grafana.com/docs/k6/latest/set-up/install-k6/, or `bash scripts/bootstrap.sh`, which builds it with Go) or set K6_BIN to its path';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function versionOf(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(path, ['version'], { timeout: 10_000 });
    return /v?(\d+\.\d+\.\d+[\w.-]*)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/** K6_BIN when set (and then only it), else the first `k6` on PATH. */
export async function findK6(env: NodeJS.ProcessEnv = process.env): Promise<K6Lookup> {
  const explicit = env.K6_BIN?.trim();
  const candidates: Array<{ path: string; source: FoundK6['source'] }> = explicit
    ? [{ path: explicit, source: 'K6_BIN' }]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => ({ path: join(dir, 'k6'), source: 'PATH' as const }));
  for (const candidate of candidates) {
    if (!executable(candidate.path)) continue;
    const version = await versionOf(candidate.path);
    if (version) return { found: { ...candidate, version } };
    if (explicit)
      return { missing: `K6_BIN=${explicit} does not answer \`k6 version\`; ${INSTALL_HINT}` };
  }
  return {
    missing: explicit
      ? `K6_BIN=${explicit} is not an executable file; ${INSTALL_HINT}`
      : `k6 is not on PATH; ${INSTALL_HINT}`,
  };
}
