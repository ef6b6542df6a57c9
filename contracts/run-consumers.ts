import { mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { runChild } from '../common/child-process.ts';
import { ownModuleUrl } from '../common/own-module.ts';
import { redact } from '../common/redact.ts';
import { CONSUMER_NAMES, PACTS_DIR, pactFilePath } from './contract-names.ts';
import { readPact } from './pact-file.ts';
import { replacePact } from './replace-pact.ts';
import { pactTelemetryEnv } from './pact-telemetry.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** vitest's JSON reporter, the parts read here. */
const JsonReportSchema = z.looseObject({
  testResults: z.array(
    z.looseObject({
      name: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(
        z.looseObject({
          fullName: z.string(),
          status: z.string(),
          failureMessages: z.array(z.string()).default([]),
        }),
      ),
    }),
  ),
});

export interface ConsumerOutcome {
  consumer: string;
  /** Pact file regenerated and copied into contracts/pacts/. */
  regenerated: boolean;
  /** Why not, in words a person acts on. */
  problem?: string;
}

export interface RunConsumersOptions {
  /** Scratch space under the reports directory: the fresh pacts and vitest's JSON report. */
  workDir: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Where verified-ready pacts go; contracts/pacts/ unless a test says otherwise. */
  pactsDir?: string;
}

/** Runs `vitest run --project pact-consumer` in a child process, writing pacts to `pactsOut`. */
async function runVitest(
  pactsOut: string,
  reportFile: string,
  options: RunConsumersOptions,
): Promise<{ code: number | null; output: string }> {
  const exit = await runChild(
    process.execPath,
    // --reporter replaces the configured list: JSON for the outcome here, Allure for the report.
    [
      VITEST,
      'run',
      '--project',
      'pact-consumer',
      '--reporter=json',
      `--reporter=${fileURLToPath(ownModuleUrl('../reports/vitest/allure-reporter.ts', import.meta.url))}`,
      `--outputFile.json=${reportFile}`,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...pactTelemetryEnv(), HARNESS_PACTS_OUT: pactsOut, FORCE_COLOR: '0' },
      ...(options.signal ? { signal: options.signal } : {}),
      timeoutMs: options.timeoutMs,
      stopSignal: 'SIGKILL',
    },
  );
  if (exit.startError) return { code: null, output: `${exit.output}\n${exit.startError.message}` };
  return { code: exit.signal ? null : exit.code, output: exit.output };
}

/**
 * Step one of a contract run: the consumer tests write fresh pacts to scratch space;
 * a consumer whose tests all pass gets its pact copied into contracts/pacts/. A
 * consumer whose tests fail keeps the committed pact, and the outcome says why.
 */
export async function runConsumers(options: RunConsumersOptions): Promise<ConsumerOutcome[]> {
  const pactsOut = join(options.workDir, 'pacts');
  const reportFile = join(options.workDir, 'consumer-tests.json');
  await rm(options.workDir, { recursive: true, force: true });
  await mkdir(pactsOut, { recursive: true });
  const started = Date.now();
  const { code, output } = await runVitest(pactsOut, reportFile, options);

  let report: z.infer<typeof JsonReportSchema> | undefined;
  try {
    const parsed = JsonReportSchema.safeParse(JSON.parse(await readFile(reportFile, 'utf8')));
    report = parsed.success ? parsed.data : undefined;
  } catch {
    report = undefined;
  }
  const tail = redact(output.trim().split('\n').slice(-8).join(' | '));
  return Promise.all(
    CONSUMER_NAMES.map(async (consumer): Promise<ConsumerOutcome> => {
      if (!report) {
        const why = options.signal?.aborted
          ? 'the run was stopped'
          : Date.now() - started >= options.timeoutMs
            ? `the consumer tests did not finish within ${options.timeoutMs} ms`
            : `vitest exited with ${code ?? 'a signal'} and wrote no report: ${tail}`;
        return { consumer, regenerated: false, problem: why };
      }
      const file = report.testResults.find((r) => basename(r.name).replace(/\.[jt]s$/, '') === `${consumer}.spec`);
      const failures = (file?.assertionResults ?? []).filter((a) => a.status === 'failed');
      if (!file || file.assertionResults.length === 0) {
        return {
          consumer,
          regenerated: false,
          problem: `no consumer tests ran for ${consumer}${file?.message ? `: ${redact(file.message)}` : ''}`,
        };
      }
      if (failures.length > 0) {
        const first = redact(failures[0]?.failureMessages[0]?.split('\n')[0] ?? '');
        return {
          consumer,
          regenerated: false,
          problem: `${failures.length} consumer test(s) failed (${failures.map((f) => f.fullName).join('; ')}): ${first}`,
        };
      }
      const fresh = pactFilePath(consumer, pactsOut);
      try {
        await readPact(fresh);
      } catch (error) {
        return { consumer, regenerated: false, problem: (error as Error).message };
      }
      await replacePact(fresh, pactFilePath(consumer, options.pactsDir ?? PACTS_DIR));
      return { consumer, regenerated: true };
    }),
  );
}
