import { readdir } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { loadShippedDrill, SHIPPED_DRILL_NAMES } from './shipped-drills.ts';

describe('the shipped drills', () => {
  test('every JSON file here is listed, and the list has the six drills the platform team relies on', async () => {
    const files = (await readdir(import.meta.dirname))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect([...files].sort()).toEqual([...SHIPPED_DRILL_NAMES].sort());
    expect(SHIPPED_DRILL_NAMES).toHaveLength(6);
  });

  test.each(SHIPPED_DRILL_NAMES)('%s is valid, named after its file, and rolls back what it changes', async (name) => {
    const drill = await loadShippedDrill(name);
    expect(drill.name).toBe(name);
    const runs = new Set(drill.method.map((s) => s.run));
    const rollbacks = new Set(drill.rollbacks.map((s) => s.run));
    if (runs.has('start-deployment'))
      expect([...rollbacks]).toEqual(expect.arrayContaining(['stop-deployment', 'restore-alias']));
    if (runs.has('start-experiment')) expect(rollbacks).toContain('stop-experiments');
    if (runs.has('stop-service')) expect(rollbacks).toContain('start-service');
  });
});
