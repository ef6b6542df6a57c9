import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bundleScenarios, DEFAULT_BUILD_DIR } from './bundle-scenarios.ts';
import { SCENARIO_NAMES } from './catalog/load-plan.ts';

// Inside the git-ignored build folder, which a fresh clone does not have yet.
await mkdir(DEFAULT_BUILD_DIR, { recursive: true });
const scratch = await mkdtemp(join(DEFAULT_BUILD_DIR, '.test-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the scenario bundles', () => {
  test('build reproducibly: the same TypeScript gives byte-identical bundles and maps', async () => {
    // Two sibling folders at the same depth, so relative source-map paths match.
    const first = await bundleScenarios(SCENARIO_NAMES, join(scratch, 'a'));
    const second = await bundleScenarios(SCENARIO_NAMES, join(scratch, 'b'));
    expect(first.map((b) => b.sha256)).toEqual(second.map((b) => b.sha256));
    for (const [i, bundle] of first.entries()) {
      expect(await readFile(bundle.mapPath, 'utf8')).toBe(await readFile(second[i]?.mapPath ?? '', 'utf8'));
    }
  });

  test('one self-contained ES module per scenario: project code inlined, only k6 modules imported', async () => {
    const bundles = await bundleScenarios(SCENARIO_NAMES, join(scratch, 'c'));
    expect(bundles.map((b) => b.scenario)).toEqual(['sla', 'spike', 'soak']);
    for (const bundle of bundles) {
      const code = await readFile(bundle.path, 'utf8');
      const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
      expect(imports.every((spec) => spec === 'k6' || spec?.startsWith('k6/'))).toBe(true);
      expect(code).toMatch(/export \{[\s\S]*handleSummary[\s\S]*options[\s\S]*setup[\s\S]*\}/);
      expect(code).toContain(`//# sourceMappingURL=${bundle.scenario}.js.map`);
      // Well under a ConfigMap's 1 MiB, and cheap per VU.
      expect(bundle.bytes).toBeLessThan(64 * 1024);
    }
  });

  test('source maps point at the TypeScript the bundle came from', async () => {
    const [sla] = await bundleScenarios(['sla'], join(scratch, 'd'));
    const map = JSON.parse(await readFile(sla?.mapPath ?? '', 'utf8')) as { sources: string[] };
    expect(map.sources).toContain('../../../scenarios/sla.ts');
    expect(map.sources).toContain('../../../catalog/endpoints.ts');
  });
});
