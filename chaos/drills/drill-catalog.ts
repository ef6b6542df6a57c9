import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { HarnessError } from '../../common/harness-error.ts';
import { loadHarnessConfig } from '../../fixtures/environments/harness-config.ts';
import { loadDrillFile } from '../model/load-drill.ts';
import { drillError } from '../model/drill-error.ts';
import type { Drill } from '../model/drill-schema.ts';
import { loadShippedDrill, SHIPPED_DRILL_NAMES } from './shipped-drills.ts';

/** The team's drill files (config `drillsDir`), by name: the file name without `.json`. */
function teamDrillFiles(): Map<string, string> {
  const loaded = loadHarnessConfig();
  const dir = loaded?.dirOf('drillsDir');
  if (!loaded || !dir) return new Map();
  let names: string[];
  try {
    names = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch (error) {
    throw new HarnessError(
      'INVALID_CONFIG',
      `${loaded.file}: drillsDir "${loaded.config.drillsDir ?? ''}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); create ${relative(process.cwd(), dir) || dir} or fix the path`,
    );
  }
  const files = new Map(names.map((file) => [basename(file, '.json'), join(dir, file)]));
  for (const [name, file] of files) {
    if (SHIPPED_DRILL_NAMES.includes(name))
      throw drillError(file, [`"${name}" is the name of a shipped drill; rename the file`]);
  }
  return files;
}

/** Every drill `--drill` can name: the shipped ones, then the team's. */
export function drillNames(): string[] {
  return [...SHIPPED_DRILL_NAMES, ...teamDrillFiles().keys()];
}

/**
 * Loads drills by name, shipped or the team's. Every team drill is validated first, whichever
 * are asked for: a bad file is one clear error naming it before anything is injected.
 */
export async function loadNamedDrills(names: readonly string[]): Promise<Drill[]> {
  const team = teamDrillFiles();
  const teamDrills = new Map<string, Drill>();
  for (const [name, file] of team) {
    const drill = await loadDrillFile(file);
    if (drill.name !== name)
      throw drillError(file, [
        `name: "${drill.name}" differs from the file name; name the file ${drill.name}.json or the drill "${name}"`,
      ]);
    teamDrills.set(name, drill);
  }
  return Promise.all(names.map(async (name) => teamDrills.get(name) ?? (await loadShippedDrill(name))));
}

/**
 * The drills a run selected, read and validated: the named ones and the `--drill-file`s, or
 * every drill when neither is given; names in `exclude` are run by something else (the DR drills).
 */
export async function loadSelectedDrills(
  selection: { drills: readonly string[]; drillFiles: readonly string[] },
  exclude: readonly string[] = [],
): Promise<Drill[]> {
  const named = selection.drills.length > 0 || selection.drillFiles.length > 0 ? selection.drills : drillNames();
  return [
    ...(await loadNamedDrills(named.filter((name) => !exclude.includes(name)))),
    ...(await Promise.all(selection.drillFiles.map(loadDrillFile))),
  ];
}
