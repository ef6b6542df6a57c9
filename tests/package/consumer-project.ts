import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

interface LockEntry {
  dev?: boolean;
  [field: string]: unknown;
}
interface Lockfile {
  packages: Record<string, LockEntry>;
  [field: string]: unknown;
}

/**
 * A consumer project that depends on the packed tarball, with a lock file taken from this
 * repository's own: the harness's run-time dependencies at the versions it was tested with,
 * so `npm ci --offline` installs them from the npm cache by integrity, with no registry.
 * The dev-only entries are dropped, as `npm ci --omit=dev` would, so a module the harness
 * loads at run time but keeps in devDependencies is missing here too.
 */
export async function writeConsumerProject(dir: string, tarball: string, repoRoot: string): Promise<void> {
  const own = JSON.parse(await readFile(join(repoRoot, 'package-lock.json'), 'utf8')) as Lockfile;
  const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  const spec = `file:${basename(tarball)}`;
  const integrity = `sha512-${createHash('sha512')
    .update(await readFile(tarball))
    .digest('base64')}`;
  const packages: Record<string, LockEntry> = {
    '': { name: 'platform-app', dependencies: { 'hasivu-verify': spec } },
    'node_modules/hasivu-verify': {
      version: manifest.version,
      resolved: spec,
      integrity,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  };
  for (const [path, entry] of Object.entries(own.packages)) {
    if (path !== '' && entry.dev !== true) packages[path] = entry;
  }
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'platform-app', private: true, type: 'module', dependencies: { 'hasivu-verify': spec } }, null, 2)}\n`,
  );
  await writeFile(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: 'platform-app', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
}
