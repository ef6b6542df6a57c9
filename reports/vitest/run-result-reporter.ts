import type { TestModule, Vitest } from 'vitest/node';
import { redact } from '../../common/redact.ts';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { writeRunResult } from '../run-result-files.ts';
import type { Check, RunKind, RunResult } from '../run-result.ts';
import { kindOfProject } from './project-kinds.ts';
import { testCaseToCheck } from './test-case-to-check.ts';

/**
 * Turns the outcomes of product-suite tests into RunResult files, one per kind, in the
 * resolved profile's reports directory. Registered in vitest.config.ts for every run;
 * projects that map to no kind are ignored.
 */
export default class RunResultReporter {
  #startedAt = new Date();
  #vitestVersion = 'unknown';

  onInit(vitest: Vitest): void {
    this.#startedAt = new Date();
    this.#vitestVersion = vitest.version;
  }

  async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{ message?: string }>,
    reason: 'passed' | 'interrupted' | 'failed',
  ): Promise<void> {
    const byKind = new Map<RunKind, Check[]>();
    for (const module of testModules) {
      const kind = kindOfProject(module.project.name);
      if (!kind) continue;
      const checks = byKind.get(kind) ?? [];
      for (const test of module.children.allTests()) checks.push(testCaseToCheck(kind, test));
      byKind.set(kind, checks);
    }
    if (byKind.size === 0) return;

    // The same resolution the CLI and the suites' set-up made: profile name, target and
    // reports directory come from the profile, never from variables read here again.
    const { profile, reportsDir } = resolveProfile();
    const finishedAt = new Date().toISOString();
    const aborted =
      reason === 'interrupted'
        ? { reason: 'the run was interrupted before every test finished' }
        : unhandledErrors.length > 0
          ? { reason: redact(`unhandled error: ${unhandledErrors[0]?.message ?? 'unknown'}`) }
          : undefined;
    for (const [kind, checks] of byKind) {
      const result: RunResult = {
        kind,
        environment: profile.name,
        // A suite that brings its own platform names it in HARNESS_<KIND>_TARGET.
        target: process.env[`HARNESS_${kind.toUpperCase()}_TARGET`] || profile.target.baseUrl || '',
        startedAt: this.#startedAt.toISOString(),
        finishedAt,
        tool: { name: 'vitest', version: this.#vitestVersion },
        checks,
        ...(aborted ? { aborted } : {}),
      };
      await writeRunResult(reportsDir, result);
    }
  }
}
