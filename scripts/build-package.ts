/**
 * Builds the published package into dist/: the source tree compiled by tsc
 * (tsconfig.build.json), plus the files it reads at run time that are not TypeScript
 * (drills, migrations, committed pacts), copied beside the compiled modules so every path
 * a module computes from its own location still holds. Run by `npm pack` (prepack).
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import pkg from '../package.json' with { type: 'json' };

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist');
/** The folders that hold what runs; tsconfig.build.json compiles the same ones. */
const SOURCE_FOLDERS = [
  'cli',
  'common',
  'fixtures',
  'reports',
  'runner',
  'suites',
  'contracts',
  'load',
  'chaos',
  'platform',
];
/** What stays out of the package: the project's own tests, their helpers, run-time output. */
const LEFT_OUT = [/\.test\.ts$/, /(^|\/)test-support\//, /^platform\/test\//, /^load\/build\//, /^reports\/out\//];

async function copyAssets(): Promise<number> {
  let copied = 0;
  for (const folder of SOURCE_FOLDERS) {
    for (const entry of await readdir(join(ROOT, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
      const path = relative(ROOT, join(entry.parentPath, entry.name));
      if (LEFT_OUT.some((pattern) => pattern.test(path))) continue;
      await cp(join(ROOT, path), join(OUT, path));
      copied++;
    }
  }
  return copied;
}

/**
 * Type declarations are kept for what a consumer imports (index.d.ts and what it refers to):
 * the rest describe modules only the command runs, and would double the package's file count.
 */
async function pruneDeclarations(): Promise<number> {
  const keep = new Set<string>();
  const pending = [join(OUT, 'index.d.ts')];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (keep.has(file)) continue;
    keep.add(file);
    const text = await readFile(file, 'utf8');
    // tsc keeps the sources' `.ts` specifiers in declarations; TypeScript resolves them to the `.d.ts`.
    for (const [, specifier] of text.matchAll(/(?:from |import\()'(\.{1,2}\/[^']+)\.[jt]s'/g)) {
      pending.push(join(dirname(file), `${specifier}.d.ts`));
    }
  }
  let removed = 0;
  for (const entry of await readdir(OUT, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && entry.name.endsWith('.d.ts') && !keep.has(path)) {
      await rm(path);
      removed++;
    }
  }
  return removed;
}

const started = performance.now();
await rm(OUT, { recursive: true, force: true });
const tsc = join(createRequire(import.meta.url).resolve('typescript/package.json'), '..', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
const assets = await copyAssets();
const pruned = await pruneDeclarations();
// tsc copies package.json beside the modules that import it (for the version): keep only
// what Node needs there, so the one package.json describing the package is the root's.
await writeFile(
  join(OUT, 'package.json'),
  `${JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module', private: true }, null, 2)}\n`,
);
console.log(
  `dist/ built in ${((performance.now() - started) / 1000).toFixed(1)} s (${assets} non-TypeScript files copied, ${pruned} internal declarations left out)`,
);
