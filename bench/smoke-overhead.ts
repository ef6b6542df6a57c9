/**
 * What the smoke run costs on top of vitest itself: `node cli/main.ts run smoke` (what
 * `npm run test:smoke` runs) against a reference platform that is already running, against
 * a bare vitest run of one empty test, taken in turns (A, B, A, B …). Also the whole
 * `npm run test:smoke` on `local`, which starts Postgres, Redis and the platform itself.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServices } from '../fixtures/services/resolve-services.ts';
import { startPlatform } from '../platform/start-platform.ts';
import { median } from './median.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

export interface SmokeOverhead {
  runs: number;
  bareVitestMedianMs: number;
  smokeMedianMs: number;
  /** Smoke minus bare vitest: the budget is 1500 ms. */
  overheadMs: number;
  ratio: number;
  localSmokeMedianMs: number;
  samples: { bareVitestMs: number[]; smokeMs: number[]; localSmokeMs: number[] };
}

/** Runs a command to its end (at most two minutes) and returns its wall time; a failure throws. */
function timed(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Math.round(performance.now() - started));
      else reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

export async function measureSmokeOverhead(runs = 5): Promise<SmokeOverhead> {
  const empty = await mkdtemp(join(tmpdir(), 'hasivu-bench-vitest-'));
  await writeFile(join(empty, 'empty.test.ts'), "import { test } from 'vitest';\ntest('nothing', () => {});\n");
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HARNESS_')));
  const reportsDir = join(empty, 'reports');
  const services = await startServices({ log: () => undefined });
  const platform = await startPlatform({ databaseUrl: services.postgres.url, redisUrl: services.redis.url });
  const remote = {
    ...clean,
    CI: 'true',
    HARNESS_BASE_URL: platform.url,
    HARNESS_USER_EMAIL: platform.demoParent.email,
    HARNESS_USER_PASSWORD: platform.demoParent.password,
    HARNESS_WEBHOOK_SECRET: platform.webhookSecret,
    HARNESS_SECOND_USER_EMAIL: platform.secondParent.email,
    HARNESS_SECOND_USER_PASSWORD: platform.secondParent.password,
    HARNESS_REPORTS_DIR: reportsDir,
  };
  const samples = { bareVitestMs: [] as number[], smokeMs: [] as number[], localSmokeMs: [] as number[] };
  try {
    for (let i = 0; i < runs; i++) {
      samples.bareVitestMs.push(await timed([VITEST, 'run', '--root', empty], empty, { ...clean, CI: 'true' }));
      samples.smokeMs.push(await timed(['cli/main.ts', 'run', 'smoke'], ROOT, remote));
    }
  } finally {
    await platform.close();
    await services.dispose();
  }
  try {
    for (let i = 0; i < runs; i++) {
      samples.localSmokeMs.push(
        await timed(['cli/main.ts', 'run', 'smoke'], ROOT, { ...clean, CI: 'true', HARNESS_REPORTS_DIR: reportsDir }),
      );
    }
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
  const bare = median(samples.bareVitestMs);
  const smoke = median(samples.smokeMs);
  return {
    runs,
    bareVitestMedianMs: bare,
    smokeMedianMs: smoke,
    overheadMs: smoke - bare,
    ratio: Math.round((smoke / bare) * 100) / 100,
    localSmokeMedianMs: median(samples.localSmokeMs),
    samples,
  };
}
