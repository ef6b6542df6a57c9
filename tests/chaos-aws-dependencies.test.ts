import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Journal } from '../chaos/engine/journal.ts';
import { RunResultSchema } from '../reports/run-result.ts';
import { runCli } from './test-support/run-cli.ts';

// The dependency drills through the AWS adapters: on the platform this run starts, its FIS
// endpoint takes its own Postgres and Redis away, as FIS would take RDS and ElastiCache.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-chaos-aws-deps-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const TWO_DRILLS_MS = 400_000;

const EXPECTED_ACTIONS = {
  'postgres-restart': 'aws:rds:reboot-db-instances',
  'redis-outage': 'aws:elasticache:replicationgroup-interrupt-az-power',
} as const;

describe('run chaos --adapter aws, dependency drills', () => {
  test(
    'redis-outage and postgres-restart pass, each outage a FIS experiment with its dependency action',
    async () => {
      const reports = join(dir, 'aws');
      const drills = Object.keys(EXPECTED_ACTIONS);
      const run = await runCli(
        ['run', 'chaos', '--adapter', 'aws', ...drills.flatMap((d) => ['--drill', d])],
        { HARNESS_REPORTS_DIR: reports },
        TWO_DRILLS_MS,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('chaos: drill adapters: aws');
      const result = RunResultSchema.parse(JSON.parse(await readFile(join(reports, 'results', 'chaos.json'), 'utf8')));
      for (const [drill, actionId] of Object.entries(EXPECTED_ACTIONS)) {
        expect(result.checks.find((c) => c.id === `chaos.${drill}.outcome`)?.status, drill).toBe('pass');
        const journal = JSON.parse(await readFile(join(reports, 'chaos', `${drill}-journal.json`), 'utf8')) as Journal;
        expect(journal.adapters.dependencies).toMatch(/^fis \(/);
        const stop = journal.run.find((s) => s.run === 'stop-service');
        const output = stop?.output as { actionId?: string; experimentId?: string } | undefined;
        expect(output?.actionId).toBe(actionId);
        // The experiment that carried the outage is journaled, and the FIS log line names its resource.
        expect(journal.experiments.map((e) => e.id)).toContain(output?.experimentId);
        expect(run.stderr).toMatch(
          new RegExp(
            `fis: started experiment ${output?.experimentId ?? 'none'} from template \\S+ \\(\\w+\\) on arn:aws:(rds|elasticache):`,
          ),
        );
        expect(run.stderr).toMatch(
          new RegExp(`fis: \\w+ outage experiment ${output?.experimentId ?? 'none'} (stopped|completed)`),
        );
      }
    },
    TWO_DRILLS_MS + 30_000,
  );
});
