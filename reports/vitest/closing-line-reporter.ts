import type { TestModule, Vitest } from 'vitest/node';

/**
 * Ends every run with one plain line, `N passed, N failed, N skipped`, the form CI
 * systems and log scrapers read without knowing vitest's own summary layout.
 */
export default class ClosingLineReporter {
  // vitest's own output stream: the console in a plain vitest run, the stage's log under the CLI.
  #log: (text: string) => void = (text) => process.stdout.write(text);

  onInit(vitest: Vitest): void {
    this.#log = (text) => vitest.logger.log(text);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    this.#log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
