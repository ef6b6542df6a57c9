import { FisClient, GetExperimentCommand, StopExperimentCommand } from '@aws-sdk/client-fis';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fisApi } from '../adapters/aws/sdk/fis-api.ts';
import { FisFaultInjector } from '../adapters/aws/fault-injector/fis-fault-injector.ts';
import { SETTINGS } from '../adapters/aws/test-support/fis-fixtures.ts';
import { FAKE_CREDENTIALS, forbidNetwork } from '../adapters/aws/test-support/no-network.ts';
import { stubSdkClient } from '../adapters/aws/test-support/sdk-stub.ts';
import { stopStaleExperiments } from './stale-experiments.ts';

forbidNetwork();

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A journal as the engine writes it the moment an experiment starts, then crashed. */
function journal(drill: string, experiments: { id: string; startedAt: string; finalState?: string }[]) {
  return {
    drill,
    title: drill,
    dryRun: false,
    target: 'https://api.staging.hasivu.example',
    adapters: {},
    start: '2026-12-01T10:00:00.000Z',
    status: 'running',
    deviated: false,
    steadyStates: {},
    run: [],
    rollbacks: [],
    experiments,
    deployments: [],
    versions: {},
    marks: {},
    extra: {},
  };
}

describe('--cleanup', () => {
  it('stops experiments a crashed drill left running, records their final state, and leaves ended ones alone', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'hasivu-cleanup-'));
    dirs.push(reports);
    mkdirSync(join(reports, 'chaos'));
    const crashed = join(reports, 'chaos', 'fis-invocation-error-journal.json');
    writeFileSync(
      crashed,
      JSON.stringify(
        journal('fis-invocation-error', [
          { id: 'EXPrunning', startedAt: '2026-12-01T10:00:05.000Z' },
          { id: 'EXPended', startedAt: '2026-12-01T10:00:06.000Z' },
        ]),
      ),
    );
    writeFileSync(
      join(reports, 'chaos', 'canary-error-rollback-journal.json'),
      JSON.stringify(journal('canary-error-rollback', [{ id: 'EXPdone', startedAt: 'x', finalState: 'completed' }])),
    );
    writeFileSync(join(reports, 'chaos', 'broken-journal.json'), '{ not json');

    const client = new FisClient({ region: 'ap-south-1', credentials: FAKE_CREDENTIALS });
    const fis = stubSdkClient(client);
    fis
      .on(GetExperimentCommand, { id: 'EXPrunning' })
      .resolvesOnce({ experiment: { id: 'EXPrunning', state: { status: 'running' } } })
      .resolvesOnce({ experiment: { id: 'EXPrunning', state: { status: 'running' } } })
      .resolves({
        experiment: {
          id: 'EXPrunning',
          state: { status: 'stopped', reason: 'Experiment stopped.' },
        },
      });
    fis.on(GetExperimentCommand, { id: 'EXPended' }).resolves({
      experiment: {
        id: 'EXPended',
        state: { status: 'stopped', reason: 'Stop condition triggered' },
      },
    });
    fis.on(StopExperimentCommand).resolves({ experiment: { id: 'EXPrunning', state: { status: 'stopping' } } });
    const lines: string[] = [];
    const report = await stopStaleExperiments(
      reports,
      new FisFaultInjector({ api: fisApi(client), settings: SETTINGS }),
      (l) => lines.push(l),
      new AbortController().signal,
      0,
    );

    expect(report.stopped).toEqual(['EXPrunning']);
    expect(report.alreadyEnded).toEqual(['EXPended']);
    expect(report.unreadable).toEqual([join(reports, 'chaos', 'broken-journal.json')]);
    expect(fis.inputsOf(StopExperimentCommand)).toEqual([{ id: 'EXPrunning' }]);
    expect(fis.inputsOf(GetExperimentCommand).map((i) => i.id)).not.toContain('EXPdone');
    const after = JSON.parse(readFileSync(crashed, 'utf8')) as ReturnType<typeof journal> & {
      extra: { cleanedUpAt?: string };
    };
    expect(after.experiments.map((e) => e.finalState)).toEqual(['stopped', 'stopped']);
    expect(after.extra.cleanedUpAt).toMatch(/^\d{4}-/);
    expect(lines).toEqual([
      expect.stringContaining('stopped experiment EXPrunning left running by fis-invocation-error'),
    ]);
  });

  it('finds nothing to do without a chaos folder', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'hasivu-cleanup-'));
    dirs.push(reports);
    const client = new FisClient({ region: 'ap-south-1', credentials: FAKE_CREDENTIALS });
    const fis = stubSdkClient(client);
    const report = await stopStaleExperiments(
      reports,
      new FisFaultInjector({ api: fisApi(client), settings: SETTINGS }),
      () => {},
      new AbortController().signal,
    );
    expect(report).toEqual({
      journals: [],
      stopped: [],
      alreadyEnded: [],
      failed: [],
      unreadable: [],
    });
    expect(fis.sent()).toEqual([]);
  });
});
