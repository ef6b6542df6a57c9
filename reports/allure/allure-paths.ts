import { join } from 'node:path';

/** Allure result files (vitest's through allure-vitest, and converted RunResults) live here. */
export function allureResultsDir(reportsDir: string): string {
  return join(reportsDir, 'allure-results');
}

/** The single-file report: `<reportsDir>/allure/index.html`. */
export function allureReportDir(reportsDir: string): string {
  return join(reportsDir, 'allure');
}
