import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { HarnessError } from '../../common/harness-error.ts';
import type { EvidenceResolver } from '../../reports/allure/write-allure-results.ts';

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/**
 * A `--results DIR` as the reports directory it names: DIR itself when it holds results/
 * (a reports directory, or a downloaded CI artifact of one), its parent when DIR is results/.
 */
export async function evidenceDir(dir: string): Promise<string> {
  const absolute = resolve(dir);
  if (await isDirectory(join(absolute, 'results'))) return absolute;
  if (basename(absolute) === 'results' && (await isDirectory(absolute))) return dirname(absolute);
  throw new HarnessError(
    'USAGE',
    `--results ${dir}: no results/ directory there; give a reports directory (the one holding results/<kind>.json, e.g. a downloaded artifact)`,
  );
}

/**
 * Where an evidence entry is now. Entries are recorded relative to the working directory
 * of the run that wrote them; from a downloaded artifact they are found by their tail
 * (`reports/out/load/x.json` → `<artifact>/load/x.json`).
 */
async function locateEvidence(entry: string, dirs: readonly string[]): Promise<string | undefined> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return undefined;
  const direct = isAbsolute(entry) ? entry : resolve(entry);
  if (await isFile(direct)) return direct;
  const parts = entry.split(/[\\/]+/).filter(Boolean);
  for (const dir of dirs) {
    for (let i = 1; i < parts.length; i += 1) {
      const candidate = join(dir, ...parts.slice(i));
      if (await isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * locateEvidence over `dirs`, each entry looked up once: the Allure report and the HTML
 * scorecard's links ask for the same evidence.
 */
export function evidenceLocator(dirs: readonly string[]): EvidenceResolver {
  const found = new Map<string, Promise<string | undefined>>();
  return (entry) => {
    let location = found.get(entry);
    if (!location) {
      location = locateEvidence(entry, dirs);
      found.set(entry, location);
    }
    return location;
  };
}

/** Links for the HTML scorecard, relative to the reports directory so they survive a download. */
export async function evidenceHrefs(
  entries: Iterable<string>,
  reportsDir: string,
  locate: EvidenceResolver,
): Promise<Record<string, string>> {
  const hrefs: Record<string, string> = {};
  for (const entry of new Set(entries)) {
    const found = await locate(entry);
    if (found) hrefs[entry] = relative(reportsDir, found).split(sep).join('/');
  }
  return hrefs;
}
