import { resolve } from 'node:path';
import AllureVitestReporter from 'allure-vitest/reporter';
import type { TestModule } from 'vitest/node';
import { allureResultsDir } from '../allure/allure-paths.ts';
import { kindOfProject } from './project-kinds.ts';

/** Product suites, and the Pact consumer tests, which are part of the contract stage. */
function isProductSuite(projectName: string): boolean {
  return kindOfProject(projectName) !== undefined || projectName === 'pact-consumer';
}

/**
 * allure-vitest, writing into the run's reports directory (HARNESS_REPORTS_DIR) and only
 * for the product suites: the harness's own tests are not evidence about a release.
 */
export default class HarnessAllureReporter extends AllureVitestReporter {
  constructor() {
    super({
      resultsDir: allureResultsDir(
        resolve(process.env.HARNESS_REPORTS_DIR?.trim() || 'reports/out'),
      ),
    });
  }

  override onTestRunEnd(tests: ReadonlyArray<TestModule>): void {
    const product = tests.filter((module) => isProductSuite(module.project.name));
    if (product.length > 0) super.onTestRunEnd(product);
  }
}
