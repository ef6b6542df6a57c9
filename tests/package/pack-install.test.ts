import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { captureOutput, runChild, type ChildExit } from '../../common/child-process.ts';
import { startIsolatedPlatform, type IsolatedPlatform } from '../../platform/test-support/isolated-platform.ts';
import { RunResultSchema } from '../../reports/run-result.ts';
import { cliEnv, PROJECT_ROOT } from '../test-support/run-cli.ts';
import { writeConsumerProject } from './consumer-project.ts';

/**
 * The package as the platform team gets it: built and packed (prepack), installed into a fresh
 * project from the npm cache with only its own dependencies (no dev dependencies, no registry),
 * configured by a hasivu-verify.config.ts there, and run against a reference platform.
 */
const DRILL = 'orders-keep-flowing';
const version = (JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let dir: string;
let app: string;
let tarball: string;
let packed: { entryCount: number; size: number; files: { path: string }[] };
let isolated: IsolatedPlatform;
// A secret of this run: the platform's default would be redacted out of every line it shares a fragment with.
const webhookSecret = randomBytes(16).toString('hex');

function command(
  file: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<ChildExit> {
  return runChild(file, args, { cwd, env: cliEnv(env), timeoutMs });
}

/** `npx hasivu-verify …` in the consumer project, with the platform's secrets (never in the config). */
function harness(args: string[], timeoutMs = 120_000): Promise<ChildExit> {
  return command('npx', ['hasivu-verify', ...args], app, timeoutMs, {
    HARNESS_USER_PASSWORD: isolated.platform.demoParent.password,
    HARNESS_ADMIN_TOKEN: isolated.platform.adminToken,
    HARNESS_WEBHOOK_SECRET: webhookSecret,
  });
}

async function pack(): Promise<void> {
  const exit = await captureOutput('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: PROJECT_ROOT,
    env: cliEnv({}),
    timeoutMs: 400_000,
  });
  expect(exit.ok, exit.failure).toBe(true);
  // The JSON report is the last thing npm prints, after the build's own lines.
  const json = exit.stdout.startsWith('[') ? exit.stdout : exit.stdout.slice(exit.stdout.lastIndexOf('\n[') + 1);
  const report = JSON.parse(json) as [typeof packed & { filename: string }];
  packed = report[0];
  tarball = join(dir, report[0].filename);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-pack-'));
  app = join(dir, 'app');
  await mkdir(app);
  [isolated] = await Promise.all([
    startIsolatedPlatform({ ...process.env, HASIVU_WEBHOOK_SECRET: webhookSecret }),
    pack(),
  ]);
  await copyFile(tarball, join(app, 'hasivu-verify.tgz'));
  await writeConsumerProject(app, join(app, 'hasivu-verify.tgz'), PROJECT_ROOT);
  const install = await command(
    'npm',
    ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'],
    app,
    400_000,
  );
  expect(install.code, install.output).toBe(0);
}, 900_000);

afterAll(async () => {
  await isolated?.[Symbol.asyncDispose]();
  await rm(dir, { recursive: true, force: true });
});

describe('the packed package in a project of its own', () => {
  test('the tarball holds the compiled harness and its docs, no tests; publint and attw find nothing', async () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain('dist/cli/main.js');
    expect(paths).toContain('bin/hasivu-verify.js');
    expect(paths).toContain('dist/index.d.ts');
    expect(paths).toContain('dist/chaos/drills/canary-error-rollback.json');
    expect(paths).toContain('docs/installing.md');
    expect(paths).toContain('CHANGELOG.md');
    expect(paths.filter((p) => /\.test\.|^tests\/|test-support|\.ts$(?<!\.d\.ts)/.test(p))).toEqual([]);
    const publint = await command(
      join(PROJECT_ROOT, 'node_modules', '.bin', 'publint'),
      ['--strict', tarball],
      PROJECT_ROOT,
      60_000,
    );
    expect(publint.code, publint.output).toBe(0);
    const attw = await command(
      join(PROJECT_ROOT, 'node_modules', '.bin', 'attw'),
      [tarball, '--profile', 'esm-only', '--format', 'ascii'],
      PROJECT_ROOT,
      60_000,
    );
    expect(attw.code, attw.output).toBe(0);
  });

  test('npx hasivu-verify --help and --version answer from the installed JavaScript', async () => {
    const help = await harness(['--help']);
    expect(help.code, help.output).toBe(0);
    expect(help.output).toContain('hasivu-verify init');
    const shown = await harness(['--version']);
    expect(shown.output.trim()).toBe(version);
    expect(existsSync(join(app, 'node_modules', 'vitest'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'typescript'))).toBe(false);
  });

  test('init writes the config, the workflow and npm scripts, and keeps what exists', async () => {
    const first = await harness(['init']);
    expect(first.code, first.output).toBe(0);
    const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(manifest.scripts['test:smoke:staging']).toBe('exec hasivu-verify run smoke --env staging');
    expect(manifest.scripts['check:staging']).toBe('exec hasivu-verify check --env staging');
    expect(manifest.dependencies['hasivu-verify']).toBeDefined();
    const workflow = join(app, '.github', 'workflows', 'hasivu-post-deploy-smoke.yml');
    expect(await readFile(workflow, 'utf8')).toContain('npx hasivu-verify run smoke --env "$HARNESS_ENV"');
    expect(await readFile(join(app, 'hasivu-verify.config.ts'), 'utf8')).toContain('defineConfig');

    await writeFile(workflow, '# ours\n');
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ ...manifest, scripts: { ...manifest.scripts, 'check:staging': 'echo ours' } }, null, 2),
    );
    const again = await harness(['init']);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/kept +\.github\/workflows\/hasivu-post-deploy-smoke\.yml/);
    expect(again.output).toMatch(/kept +script check:staging/);
    expect(await readFile(workflow, 'utf8')).toBe('# ours\n');
    expect(
      (JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as typeof manifest).scripts['check:staging'],
    ).toBe('echo ours');
  });

  test('run smoke, a team drill and check, configured only by hasivu-verify.config.ts', async () => {
    await writeFile(
      join(app, 'hasivu-verify.config.ts'),
      `import { defineConfig } from 'hasivu-verify';

export default defineConfig({
  profiles: {
    local: {
      target: { baseUrl: '${isolated.platform.url}' },
      gate: { requiredCategories: ['health', 'smoke', 'security', 'resilience'] },
    },
  },
  drillsDir: 'team-drills',
  reportsDir: 'evidence',
});
`,
    );
    const smoke = await harness(['run', 'smoke']);
    expect(smoke.code, smoke.output).toBe(0);
    const result = RunResultSchema.parse(
      JSON.parse(await readFile(join(app, 'evidence', 'results', 'smoke.json'), 'utf8')),
    );
    expect(result.target).toBe(isolated.platform.url);
    expect(result.checks.filter((c) => c.status === 'pass').length).toBeGreaterThan(20);
    expect(result.checks.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);

    // A drill of the wrong shape in the team's directory: one error naming the file, nothing run.
    await mkdir(join(app, 'team-drills'));
    await copyFile(join(import.meta.dirname, 'fixtures', `${DRILL}.json`), join(app, 'team-drills', `${DRILL}.json`));
    const broken = join(app, 'team-drills', 'broken.json');
    await writeFile(broken, JSON.stringify({ name: 'broken', title: 'no steps' }));
    const refused = await harness(['run', 'chaos', '--drill', DRILL]);
    expect(refused.code, refused.output).toBe(2);
    expect(refused.output).toContain(`drill ${broken} is not valid`);
    expect(refused.output).not.toMatch(/\n\s+at /);
    await rm(broken);

    const drill = await harness(['run', 'chaos', '--drill', DRILL]);
    expect(drill.code, drill.output).toBe(0);
    const chaos = RunResultSchema.parse(
      JSON.parse(await readFile(join(app, 'evidence', 'results', 'chaos.json'), 'utf8')),
    );
    expect(chaos.checks.find((c) => c.id === `chaos.${DRILL}.outcome`)?.status).toBe('pass');

    const check = await harness(['check']);
    expect(check.code, check.output).toBe(0);
    const scorecard = JSON.parse(await readFile(join(app, 'evidence', 'scorecard.json'), 'utf8')) as {
      verdict: string;
    };
    expect(scorecard.verdict).toBe('ready');
    // Nothing of a run lands inside the installed package.
    expect(existsSync(join(app, 'node_modules', 'hasivu-verify', 'reports'))).toBe(false);
  }, 480_000);

  test('run load --profile ci bundles the k6 scenarios and runs k6 with production dependencies only', async () => {
    const load = await harness(['run', 'load', '--profile', 'ci'], 180_000);
    // The verdict rests on the shared machine's latency; that k6 ran and judged is what counts here.
    expect([0, 1], load.output).toContain(load.code);
    const result = RunResultSchema.parse(
      JSON.parse(await readFile(join(app, 'evidence', 'results', 'load.json'), 'utf8')),
    );
    expect(result.tool.name).toBe('k6');
    expect(result.checks.filter((c) => c.status === 'error')).toEqual([]);
    expect(result.checks.length).toBeGreaterThan(3);
  }, 200_000);
});
