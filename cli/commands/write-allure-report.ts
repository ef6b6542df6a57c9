import { stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { allureReportDir, allureResultsDir } from '../../reports/allure/allure-paths.ts';
import { buildAllureReport } from '../../reports/allure/build-allure-report.ts';
import { runResultToAllure } from '../../reports/allure/run-result-to-allure.ts';
import { writeAllureResults, type EvidenceResolver } from '../../reports/allure/write-allure-results.ts';
import type { LoadedResult } from '../../reports/scorecard/compute-scorecard.ts';

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * The Allure side of the scorecard: results of tools without an Allure integration of their
 * own (k6, the Pact verifier, the drill engine) are converted next to allure-vitest's, then
 * one single-file report is built from every evidence directory. Returns its link relative
 * to the reports directory, or undefined (logged) when it could not be built: the report
 * is a view of the evidence, never part of the gate.
 */
export async function writeAllureReport(
  reportsDir: string,
  results: readonly LoadedResult[],
  evidenceDirs: readonly string[],
  locate: EvidenceResolver,
  log: (line: string) => void,
): Promise<string | undefined> {
  const own = allureResultsDir(reportsDir);
  for (const { result } of results) {
    if (result.tool.name === 'vitest') continue;
    await writeAllureResults(own, runResultToAllure(result), locate);
  }
  const dirs: string[] = [];
  for (const dir of new Set([own, ...evidenceDirs.map(allureResultsDir)])) if (await exists(dir)) dirs.push(dir);
  if (dirs.length === 0) return undefined;
  const built = await buildAllureReport({
    resultsDirs: dirs,
    outputDir: allureReportDir(reportsDir),
    reportName: 'HASIVU readiness',
  });
  if ('problem' in built) {
    log(`allure: no report: ${built.problem}`);
    return undefined;
  }
  log(`allure: ${relative(process.cwd(), built.path) || built.path} (${(built.durationMs / 1000).toFixed(1)} s)`);
  return relative(reportsDir, built.path).split(sep).join('/');
}
