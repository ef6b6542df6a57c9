import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseChaosArgs } from '../runner/chaos-args.ts';
import { drillNames, loadNamedDrills } from './drill-catalog.ts';
import { SHIPPED_DRILL_NAMES, shippedDrillPath } from './shipped-drills.ts';

let root: string;
let count = 0;
const before = process.env.HARNESS_CONFIG_FILE;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hv-team-drills-'));
});
afterAll(async () => {
  if (before === undefined) delete process.env.HARNESS_CONFIG_FILE;
  else process.env.HARNESS_CONFIG_FILE = before;
  await rm(root, { recursive: true, force: true });
});

/** A repository whose config names a drill directory holding `files`; the process uses its config. */
async function teamRepository(files: Record<string, unknown>): Promise<string> {
  const dir = join(root, `repo-${++count}`);
  await mkdir(join(dir, 'drills'), { recursive: true });
  await writeFile(join(dir, 'hasivu-verify.config.mjs'), `export default { drillsDir: 'drills' };\n`);
  for (const [name, content] of Object.entries(files))
    await writeFile(join(dir, 'drills', name), JSON.stringify(content));
  process.env.HARNESS_CONFIG_FILE = join(dir, 'hasivu-verify.config.mjs');
  return join(dir, 'drills');
}

/** A shipped drill under a team's name. */
async function renamed(name: string): Promise<unknown> {
  return { ...(JSON.parse(await readFile(shippedDrillPath('canary-healthy-promotes'), 'utf8')) as object), name };
}

describe("the team's drills (config drillsDir)", () => {
  test('are named by file, runnable with --drill, loaded beside the shipped ones', async () => {
    await teamRepository({ 'team-promotes.json': await renamed('team-promotes'), 'notes.txt': 'not a drill' });
    expect(drillNames()).toEqual([...SHIPPED_DRILL_NAMES, 'team-promotes']);
    expect(parseChaosArgs(['--drill', 'team-promotes', '--drill', 'redis-outage']).drills).toEqual([
      'team-promotes',
      'redis-outage',
    ]);
    const drills = await loadNamedDrills(['team-promotes', 'redis-outage']);
    expect(drills.map((d) => d.name)).toEqual(['team-promotes', 'redis-outage']);
  });

  test('a drill of the wrong shape is one error naming its file, whichever drill was asked for', async () => {
    const dir = await teamRepository({
      'team-promotes.json': await renamed('team-promotes'),
      'broken.json': { name: 'broken', title: 'no steps' },
    });
    await expect(loadNamedDrills(['redis-outage'])).rejects.toThrow(
      `drill ${join(dir, 'broken.json')} is not valid; nothing was injected:\n  - function:`,
    );
  });

  test('a file named unlike its drill, or like a shipped drill, is refused by name', async () => {
    const dir = await teamRepository({ 'team-a.json': await renamed('team-b') });
    await expect(loadNamedDrills([])).rejects.toThrow(
      `drill ${join(dir, 'team-a.json')} is not valid; nothing was injected:\n  - name: "team-b" differs from the file name`,
    );
    const clash = await teamRepository({});
    await copyFile(shippedDrillPath('redis-outage'), join(clash, 'redis-outage.json'));
    expect(() => drillNames()).toThrow(`"redis-outage" is the name of a shipped drill; rename the file`);
  });

  test('a drills directory that does not exist names the config field', async () => {
    const dir = await teamRepository({});
    await rm(dir, { recursive: true });
    expect(() => drillNames()).toThrow(/hasivu-verify\.config\.mjs: drillsDir "drills" cannot be read \(ENOENT\)/);
  });
});
