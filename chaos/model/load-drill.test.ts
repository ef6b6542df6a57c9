import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shippedDrillPath } from '../drills/shipped-drills.ts';
import { loadDrillFile } from './load-drill.ts';
import { readFileSync } from 'node:fs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drill-file-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const base = (): Record<string, unknown> =>
  JSON.parse(readFileSync(shippedDrillPath('canary-error-rollback'), 'utf8')) as Record<string, unknown>;

async function load(data: unknown): Promise<string> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, typeof data === 'string' ? data : JSON.stringify(data));
  try {
    await loadDrillFile(path);
    return 'loaded';
  } catch (error) {
    expect((error as { exitCode?: number }).exitCode).toBe(2);
    return (error as Error).message;
  }
}

describe('loading a drill file', () => {
  test('an unknown action is one error naming the field and listing the known ones', async () => {
    const drill = base();
    (drill.method as Record<string, unknown>[])[0] = { name: 'x', type: 'action', run: 'explode-database' };
    const message = await load(drill);
    expect(message).toContain('method[0].run');
    expect(message).toContain("'publish-version'");
    expect(message).toContain('nothing was injected');
  });

  test('unknown keys, wrong types and missing fields are all named at once', async () => {
    const drill = { ...base(), deadlinMs: 5, traffic: { ratePerSecond: 'fast' } } as Record<string, unknown>;
    delete drill.title;
    const message = await load(drill);
    expect(message).toContain('deadlinMs');
    expect(message).toContain('traffic.ratePerSecond');
    expect(message).toContain('title');
  });

  test('$canary before anything is published is refused, naming the step', async () => {
    const drill = base();
    (drill.method as unknown[]).shift();
    expect(await load(drill)).toContain('method[0].version: $canary is used before a publish-version step');
  });

  test('a file that is not JSON, or not there, is the same kind of error', async () => {
    expect(await load('{ not json')).toContain('not valid JSON');
    await expect(loadDrillFile(join(dir, 'missing.json'))).rejects.toThrow(/cannot be read \(ENOENT\)/);
  });

  test('a shipped drill loads', async () => {
    expect(await load(base())).toBe('loaded');
  });
});
