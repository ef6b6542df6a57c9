import { startVitest } from 'vitest/node';

export interface VitestRunOptions {
  /** vitest project names, e.g. ['smoke']. */
  projects: string[];
  /** vitest tag expressions, e.g. ['health'] to run only health-tagged tests. */
  tagsFilter?: string[];
}

/**
 * Runs vitest projects in this process. Outcomes reach the scorecard through the
 * RunResult reporter configured in vitest.config.ts, not through this return value.
 */
export async function runVitestProjects(options: VitestRunOptions): Promise<{ failed: number }> {
  const vitest = await startVitest([], {
    run: true,
    watch: false,
    project: options.projects,
    ...(options.tagsFilter?.length ? { tagsFilter: options.tagsFilter } : {}),
  });
  const failed = vitest.state.getCountOfFailedTests();
  await vitest.close();
  // vitest sets a failing exit code for its own CLI; our gate decides the exit code.
  process.exitCode = undefined;
  return { failed };
}
