import { findBinary, isExecutable, probeVersion, type VersionProbe } from '../common/find-binary.ts';

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

const K6_VERSION: VersionProbe = { args: ['version'], timeoutMs: 10_000 };

/** K6_BIN when set (and then only it), else the first `k6` on PATH that answers `k6 version`. */
export async function findK6(env: NodeJS.ProcessEnv = process.env): Promise<K6Lookup> {
  const explicit = env.K6_BIN?.trim();
  if (explicit) {
    if (!isExecutable(explicit)) return { missing: `K6_BIN=${explicit} is not an executable file; ${INSTALL_HINT}` };
    const version = await probeVersion(explicit, K6_VERSION);
    if (!version) return { missing: `K6_BIN=${explicit} does not answer \`k6 version\`; ${INSTALL_HINT}` };
    return { found: { path: explicit, version, source: 'K6_BIN' } };
  }
  const found = await findBinary('k6', { env, version: K6_VERSION });
  return found ? { found: { ...found, source: 'PATH' } } : { missing: `k6 is not on PATH; ${INSTALL_HINT}` };
}
