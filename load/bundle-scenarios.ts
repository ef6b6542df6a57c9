import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Message } from 'esbuild';
import { writeFileAtomic } from '../common/atomic-write.ts';
import { HarnessError } from '../common/harness-error.ts';
import { ownModuleUrl } from '../common/own-module.ts';
import { SCENARIO_NAMES, type ScenarioName } from './catalog/load-plan.ts';

/** The repository root: esbuild works from here so source-map paths do not depend on where the clone lives. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Ignored by git (see .gitignore): bundles are build output, rebuilt on every run. */
export const DEFAULT_BUILD_DIR = join(REPO_ROOT, 'load', 'build');

export interface ScenarioBundle {
  scenario: ScenarioName;
  /** Absolute path of the bundled script k6 runs. */
  path: string;
  /** Its source map beside it, so k6 stack traces point at the TypeScript. */
  mapPath: string;
  bytes: number;
  sha256: string;
}

function describe(messages: Message[]): string {
  return messages.map((m) => `${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`).join('\n  ');
}

/**
 * Bundles each scenario into one self-contained ES module for k6: project imports
 * are inlined, k6's own modules stay external (k6 provides them at run time). The
 * `neutral` platform makes any Node built-in an error here rather than in k6.
 */
export async function bundleScenarios(
  scenarios: readonly ScenarioName[] = SCENARIO_NAMES,
  outDir: string = DEFAULT_BUILD_DIR,
): Promise<ScenarioBundle[]> {
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(
      scenarios.map((s) => [s, fileURLToPath(ownModuleUrl(`./scenarios/${s}.ts`, import.meta.url))]),
    ),
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    // k6's JavaScript engine (Sobek) covers ES2020 fully; newer syntax is lowered.
    target: 'es2020',
    external: ['k6', 'k6/*'],
    sourcemap: 'linked',
    sourceRoot: '',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    // Written by us, atomically: parallel runs share load/build, and k6 must never read half a file.
    write: false,
  }).catch((error: unknown) => {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    throw new HarnessError(
      'LOAD_BUNDLE_FAILED',
      `esbuild could not bundle the load scenarios (k6 code may import only k6 modules and plain TypeScript):\n  ${describe(errors) || String(error)}`,
    );
  });
  if (result.warnings.length > 0) {
    throw new HarnessError(
      'LOAD_BUNDLE_FAILED',
      `esbuild warned while bundling the load scenarios:\n  ${describe(result.warnings)}`,
    );
  }
  await Promise.all(result.outputFiles.map((file) => writeFileAtomic(file.path, file.text)));
  return scenarios.map((scenario) => {
    const path = join(outDir, `${scenario}.js`);
    const content = result.outputFiles.find((file) => file.path === path)?.contents;
    if (!content) throw new Error(`esbuild produced no ${path}`);
    return {
      scenario,
      path,
      mapPath: `${path}.map`,
      bytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    };
  });
}
