import AllureVitestReporter from 'allure-vitest/reporter';
import type { RunnerTask } from 'vitest';
import type { TestModule, Vitest } from 'vitest/node';
import { resolveReportsDir } from '../../fixtures/environments/reports-dir.ts';
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
  #active = false;

  constructor() {
    super({ resultsDir: allureResultsDir(resolveReportsDir()) });
  }

  /** A run of the harness's own tests gets no Allure set-up at all (it wraps `expect`). */
  override onInit(vitest: Vitest): void {
    this.#active = vitest.projects.some((project) => isProductSuite(project.name));
    if (this.#active) super.onInit(vitest);
  }

  /**
   * Allure has no `warn`: a check that passed with a warning (a target breaking only the
   * project's addition to the contract, say) shows it as the test's description.
   */
  override handleTask(task: RunnerTask): void {
    const warning = task.type === 'test' ? task.meta.check?.warning : undefined;
    if (warning) {
      const meta = task.meta as { allureRuntimeMessages?: unknown[] };
      meta.allureRuntimeMessages = [
        ...(meta.allureRuntimeMessages ?? []),
        { type: 'metadata', data: { description: `warning: ${warning}` } },
      ];
    }
    super.handleTask(task);
  }

  override onTestRunEnd(tests: ReadonlyArray<TestModule>): void {
    const product = tests.filter((module) => isProductSuite(module.project.name));
    if (this.#active && product.length > 0) super.onTestRunEnd(product);
  }
}
