import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { runChild } from '../../common/child-process.ts';
import { registerExitCleanup } from '../../common/exit-cleanup.ts';
import { stripAnalytics } from './strip-analytics.ts';

export interface AllureReportRequest {
  /** allure-results directories; those that do not exist are skipped by Allure. */
  resultsDirs: string[];
  /** The report directory; the report is `<outputDir>/index.html`. */
  outputDir: string;
  reportName: string;
  /** Allure gets this long; past it the report is skipped, never the gate. */
  timeoutMs?: number;
}

export type AllureReportOutcome = { path: string; durationMs: number } | { problem: string };

/** The `allure` package's CLI (its exports name only the API: `dist/index.js`, beside `cli.js` one level up). */
function allureCli(): string {
  return join(dirname(dirname(createRequire(import.meta.url).resolve('allure'))), 'cli.js');
}

/**
 * A single-file Allure 3 report (the awesome plugin with `singleFile`), which opens from
 * `file://` and from a downloaded CI artifact. Allure runs in a child process so its
 * dependencies never load into the harness.
 */
export async function buildAllureReport(request: AllureReportRequest): Promise<AllureReportOutcome> {
  const started = Date.now();
  const configDir = await mkdtemp(join(tmpdir(), 'hasivu-allure-'));
  // A second Ctrl-C ends the process without this function's finally: the exit hook still removes it.
  const unregister = registerExitCleanup(() => rmSync(configDir, { recursive: true, force: true }));
  try {
    const config = {
      name: request.reportName,
      output: request.outputDir,
      plugins: {
        awesome: {
          options: {
            singleFile: true,
            reportName: request.reportName,
            groupBy: ['parentSuite', 'suite', 'subSuite'],
          },
        },
      },
    };
    const configPath = join(configDir, 'allurerc.json');
    await writeFile(configPath, JSON.stringify(config));
    const { code, output } = await runChild(
      process.execPath,
      [allureCli(), 'generate', '--config', configPath, '--output', request.outputDir, ...request.resultsDirs],
      { cwd: configDir, env: { ...process.env, NO_COLOR: '1' }, timeoutMs: request.timeoutMs ?? 120_000 },
    );
    const path = join(request.outputDir, 'index.html');
    if (code !== 0)
      return {
        problem: `allure generate exited with ${code ?? 'a signal'}: ${output.trim().split('\n').slice(-3).join(' | ')}`,
      };
    const html = await readFile(path, 'utf8').catch(() => undefined);
    if (html === undefined) return { problem: `allure generate wrote no ${path}` };
    await writeFileAtomic(path, stripAnalytics(html));
    return { path, durationMs: Date.now() - started };
  } finally {
    await rm(configDir, { recursive: true, force: true });
    unregister();
  }
}
