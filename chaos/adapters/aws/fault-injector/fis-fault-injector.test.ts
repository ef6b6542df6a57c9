import {
  type Experiment,
  type ExperimentStatus,
  CreateExperimentTemplateCommand,
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentTemplatesCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  UpdateExperimentTemplateCommand,
} from '@aws-sdk/client-fis';
import { beforeEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../../../../common/harness-error.ts';
import { awaitExperimentEnd, experimentOutcome } from './await-experiment.ts';
import { fisApi } from '../sdk/fis-api.ts';
import { FisFaultInjector } from './fis-fault-injector.ts';
import { DIGEST_TAG, experimentTemplateRequest } from './fis-template.ts';
import { ACCOUNT, INVOCATION_ERROR, REGION, SETTINGS } from '../test-support/fis-fixtures.ts';
import { FAKE_CREDENTIALS, awsError, forbidNetwork } from '../test-support/no-network.ts';
import { newerThanClient, stubSdkClient, type SdkStub } from '../test-support/sdk-stub.ts';

forbidNetwork();

const signal = new AbortController().signal;
const noWait = {
  deadlineMs: 60_000,
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  sleep: async () => {},
  random: () => 1,
};
const TEMPLATE_ID = 'EXT6oWVA1WrLNy4XS';
const EXPERIMENT_ID = 'EXPaBAVQ1XpVq8Bh1V';
const started = new Date('2026-12-01T10:00:00Z');

function experiment(status: ExperimentStatus): Experiment {
  return {
    id: EXPERIMENT_ID,
    experimentTemplateId: TEMPLATE_ID,
    roleArn: SETTINGS.roleArn,
    state: { status, reason: `Experiment is ${status}.` },
    targets: {
      canary: {
        resourceType: 'aws:lambda:function',
        resourceArns: [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:hasivu-platform-staging-orders:7`],
        selectionMode: 'ALL',
      },
    },
    actions: {
      failCanary: {
        actionId: 'aws:lambda:invocation-error',
        parameters: { invocationPercentage: '100', preventExecution: 'true', duration: 'PT2M' },
        targets: { Functions: 'canary' },
        state: { status: status === 'running' ? 'running' : 'completed', reason: '' },
      },
    },
    stopConditions: [{ source: 'aws:cloudwatch:alarm', value: SETTINGS.alarmArn('hasivu-staging-errors') }],
    creationTime: started,
    startTime: started,
    tags: { 'hasivu:harness': 'true' },
  };
}

const CANARY_7 = SETTINGS.functionArn('hasivu-platform-staging-orders:7');
const PLACEHOLDER = SETTINGS.functionArn('hasivu-platform-staging-orders:HASIVU_CANARY');

/** GetExperimentTemplate answering each ARN list in turn (the last one from then on). */
function stubTemplateTargets(stub: SdkStub, ...arnLists: string[][]): void {
  const template = (resourceArns: string[]) => ({
    experimentTemplate: {
      id: TEMPLATE_ID,
      targets: { canary: { resourceType: 'aws:lambda:function', resourceArns, selectionMode: 'ALL' } },
    },
  });
  const on = stub.on(GetExperimentTemplateCommand);
  arnLists.slice(0, -1).forEach((arns) => on.resolvesOnce(template(arns)));
  on.resolves(template(arnLists.at(-1) ?? []));
  stub.on(UpdateExperimentTemplateCommand).resolves({});
}

let fis: SdkStub;
let injector: FisFaultInjector;
const logs: string[] = [];

beforeEach(() => {
  const client = new FisClient({ region: REGION, credentials: FAKE_CREDENTIALS });
  fis = stubSdkClient(client);
  logs.length = 0;
  injector = new FisFaultInjector({
    api: fisApi(client, { retry: noWait }),
    settings: SETTINGS,
    log: (l) => logs.push(l),
  });
});

describe('FIS fault injector', () => {
  it('creates a template when none matches, starts it, and polls GetExperiment to a final state', async () => {
    fis.on(ListExperimentTemplatesCommand).resolves({ experimentTemplates: [] });
    fis.on(CreateExperimentTemplateCommand).resolves({ experimentTemplate: { id: TEMPLATE_ID } });
    fis.on(StartExperimentCommand).resolves({ experiment: experiment('initiating') });
    stubTemplateTargets(fis, [PLACEHOLDER], [CANARY_7]);
    fis
      .on(GetExperimentCommand)
      .resolvesOnce({ experiment: experiment('running') })
      .resolvesOnce({ experiment: experiment('running') })
      .resolves({
        experiment: { ...experiment('completed'), endTime: new Date('2026-12-01T10:02:00Z') },
      });

    const first = await injector.start(INVOCATION_ERROR, signal);
    expect(first).toMatchObject({ id: EXPERIMENT_ID, state: { status: 'initiating' } });
    const states: string[] = [];
    const final = await awaitExperimentEnd(injector, first.id, {
      timeoutMs: 10_000,
      signal,
      sleep: async () => {},
      onState: (e) => states.push(e.state.status),
    });

    expect(states).toEqual(['running', 'completed']);
    expect(final.endTime).toBe('2026-12-01T10:02:00.000Z');
    expect(final.actions.failCanary?.parameters.invocationPercentage).toBe('100');
    const [created] = fis.inputsOf(CreateExperimentTemplateCommand);
    expect(created?.roleArn).toBe(SETTINGS.roleArn);
    // One template per drill, created with the placeholder and pointed at the canary before the start.
    expect(created?.targets?.canary?.resourceArns).toEqual([PLACEHOLDER]);
    expect(fis.inputsOf(UpdateExperimentTemplateCommand)[0]?.targets?.canary?.resourceArns).toEqual([CANARY_7]);
    expect(fis.sent().indexOf('UpdateExperimentTemplateCommand')).toBeLessThan(
      fis.sent().indexOf('StartExperimentCommand'),
    );
    expect(created?.stopConditions).toEqual([
      { source: 'aws:cloudwatch:alarm', value: SETTINGS.alarmArn('hasivu-staging-errors') },
    ]);
    const [start] = fis.inputsOf(StartExperimentCommand);
    expect(start?.experimentTemplateId).toBe(TEMPLATE_ID);
    expect(start?.tags).toMatchObject({
      'hasivu:harness': 'true',
      'hasivu:drill': 'fis-invocation-error',
    });
  });

  it('reuses a template it created before (same digest) instead of creating another', async () => {
    const generic = {
      ...INVOCATION_ERROR,
      targets: {
        canary: { ...INVOCATION_ERROR.targets.canary!, resourceArns: ['hasivu-platform-staging-orders:HASIVU_CANARY'] },
      },
    };
    const digest = experimentTemplateRequest('fis-invocation-error', generic, SETTINGS).tags?.[DIGEST_TAG];
    stubTemplateTargets(fis, [CANARY_7]);
    fis
      .on(ListExperimentTemplatesCommand)
      .resolvesOnce({
        experimentTemplates: [{ id: 'EXTother', tags: { [DIGEST_TAG]: 'different' } }],
        nextToken: 'page-2',
      })
      .resolves({
        experimentTemplates: [{ id: TEMPLATE_ID, tags: { [DIGEST_TAG]: digest ?? '' } }],
      });
    fis.on(StartExperimentCommand).resolves({ experiment: experiment('initiating') });

    await injector.start(INVOCATION_ERROR, signal);
    expect(fis.inputsOf(CreateExperimentTemplateCommand)).toHaveLength(0);
    expect(fis.inputsOf(ListExperimentTemplatesCommand).map((i) => i.nextToken)).toEqual([undefined, 'page-2']);
    expect(fis.inputsOf(StartExperimentCommand)[0]?.experimentTemplateId).toBe(TEMPLATE_ID);
  });

  it('uses the template id the profile names for the drill without listing templates', async () => {
    const client = new FisClient({ region: REGION, credentials: FAKE_CREDENTIALS });
    const stub = stubSdkClient(client);
    stub.on(StartExperimentCommand).resolves({ experiment: experiment('initiating') });
    stubTemplateTargets(stub, [CANARY_7]);
    const configured = new FisFaultInjector({
      api: fisApi(client),
      settings: SETTINGS,
      templateIds: { 'fis-invocation-error': 'EXTfromprofile' },
    });
    await configured.start(INVOCATION_ERROR, signal);
    expect(stub.sent()).toEqual(['GetExperimentTemplateCommand', 'StartExperimentCommand']);
    expect(stub.inputsOf(StartExperimentCommand)[0]?.experimentTemplateId).toBe('EXTfromprofile');
  });

  it('a rollback stop retries transient failures with growing backoff until it gets through', async () => {
    const delays: number[] = [];
    const client = new FisClient({ region: REGION, credentials: FAKE_CREDENTIALS });
    const stub = stubSdkClient(client);
    const serverError = awsError('InternalServerException', 'try again', {
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
    stub.on(GetExperimentCommand).resolves({ experiment: experiment('running') });
    stub
      .on(StopExperimentCommand)
      .rejectsOnce(serverError)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ experiment: experiment('stopping') });
    const retrying = new FisFaultInjector({
      api: fisApi(client, {
        retry: {
          ...noWait,
          sleep: (ms) => {
            delays.push(ms);
            return Promise.resolve();
          },
          log: (l) => logs.push(l),
        },
      }),
      settings: SETTINGS,
    });
    const result = await retrying.stop(EXPERIMENT_ID, signal);
    expect(result.state.status).toBe('stopping');
    expect(stub.inputsOf(StopExperimentCommand)).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
    expect(logs.filter((l) => l.includes(`fis:StopExperiment on experiment ${EXPERIMENT_ID} failed`))).toHaveLength(2);
  });

  it('a start is not retried by hand: a 4xx names the action and the template', async () => {
    const client = new FisClient({ region: REGION, credentials: FAKE_CREDENTIALS });
    const stub = stubSdkClient(client);
    stubTemplateTargets(stub, [CANARY_7]);
    stub.on(StartExperimentCommand).rejects(awsError('ValidationException', 'Template is invalid'));
    const pinned = new FisFaultInjector({
      api: fisApi(client, { retry: noWait }),
      settings: SETTINGS,
      templateIds: { 'fis-invocation-error': TEMPLATE_ID },
    });
    await expect(pinned.start(INVOCATION_ERROR, signal)).rejects.toThrow(
      `AWS fis:StartExperiment on experiment template ${TEMPLATE_ID} failed: ValidationException: Template is invalid`,
    );
    expect(stub.inputsOf(StartExperimentCommand)).toHaveLength(1);
  });

  it("throttling that outlasts the SDK's own retries ends in one clear error naming the action", async () => {
    fis.on(ListExperimentTemplatesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const failure = injector.start(INVOCATION_ERROR, signal);
    await expect(failure).rejects.toMatchObject({ code: 'AWS_THROTTLED' });
    await expect(failure).rejects.toThrow(
      "AWS kept throttling fis:ListExperimentTemplates on experiment templates after the SDK's 5 attempts",
    );
    expect(fis.inputsOf(ListExperimentTemplatesCommand)).toHaveLength(1);
  });

  it('turns access denied into one HarnessError that names the missing IAM action', async () => {
    fis.on(ListExperimentTemplatesCommand).resolves({ experimentTemplates: [] });
    fis.on(CreateExperimentTemplateCommand).resolves({ experimentTemplate: { id: TEMPLATE_ID } });
    stubTemplateTargets(fis, [PLACEHOLDER], [CANARY_7]);
    fis
      .on(StartExperimentCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          `User: arn:aws:iam::${ACCOUNT}:user/ci is not authorized to perform: fis:StartExperiment`,
        ),
      );
    const error = await injector.start(INVOCATION_ERROR, signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect(error).toMatchObject({ code: 'AWS_ACCESS_DENIED', exitCode: 2 });
    expect((error as Error).message).toContain('"fis:StartExperiment"');
    expect(fis.inputsOf(StartExperimentCommand)).toHaveLength(1);
  });

  it('surfaces state.error of an experiment that ends failed', async () => {
    fis.on(GetExperimentCommand).resolves({
      experiment: {
        ...experiment('failed'),
        // `error` is newer than the 3.523.0 client's types; FIS sends it and the mapping keeps it.
        state: newerThanClient({
          status: 'failed',
          reason: 'Target resolution failed.',
          error: { code: 'TargetResolutionFailed', location: 'targets.canary', accountId: ACCOUNT },
        }),
      },
    });
    const final = await awaitExperimentEnd(injector, EXPERIMENT_ID, {
      timeoutMs: 1_000,
      signal,
      sleep: async () => {},
    });
    expect(final.state.error).toEqual({
      code: 'TargetResolutionFailed',
      location: 'targets.canary',
      accountId: ACCOUNT,
    });
    const outcome = experimentOutcome(final, false);
    expect(outcome.ending).toBe('failed');
    expect(outcome.message).toContain('Target resolution failed.');
    expect(outcome.message).toContain('TargetResolutionFailed at targets.canary');
  });

  it('reports a stop condition that fired, told apart from a stop the drill asked for', async () => {
    fis.on(GetExperimentCommand).resolves({
      experiment: {
        ...experiment('stopped'),
        state: { status: 'stopped', reason: 'Experiment stopped by a stop condition.' },
      },
    });
    const final = await awaitExperimentEnd(injector, EXPERIMENT_ID, {
      timeoutMs: 1_000,
      signal,
      sleep: async () => {},
    });
    expect(experimentOutcome(final, false).ending).toBe('stopped-by-stop-condition');
    expect(
      experimentOutcome({ ...final, state: { status: 'stopped', reason: 'Experiment stopped.' } }, true).ending,
    ).toBe('stopped-on-request');
  });

  it('keeps states the client does not know (cancelled) as strings and treats them as final', async () => {
    fis.on(GetExperimentCommand).resolves({
      experiment: { ...experiment('running'), state: newerThanClient({ status: 'cancelled' }) },
    });
    const final = await awaitExperimentEnd(injector, EXPERIMENT_ID, {
      timeoutMs: 1_000,
      signal,
      sleep: async () => {},
    });
    expect(final.state.status).toBe('cancelled');
    expect(experimentOutcome(final, false).ending).toBe('cancelled');
  });

  it('stops a running experiment and leaves an ended one alone', async () => {
    fis
      .on(GetExperimentCommand)
      .resolvesOnce({ experiment: experiment('running') })
      .resolves({ experiment: experiment('completed') });
    fis.on(StopExperimentCommand).resolves({ experiment: experiment('stopping') });
    expect((await injector.stop(EXPERIMENT_ID, signal)).state.status).toBe('stopping');
    expect((await injector.stop(EXPERIMENT_ID, signal)).state.status).toBe('completed');
    expect(fis.inputsOf(StopExperimentCommand)).toEqual([{ id: EXPERIMENT_ID }]);
  });

  it('times out a poll that never reaches a final state', async () => {
    fis.on(GetExperimentCommand).resolves({ experiment: experiment('running') });
    await expect(
      awaitExperimentEnd(injector, EXPERIMENT_ID, { timeoutMs: 0, signal, sleep: async () => {} }),
    ).rejects.toMatchObject({
      code: 'FIS_EXPERIMENT_TIMEOUT',
    });
  });

  it('lists only the experiments the harness started, across pages', async () => {
    fis
      .on(ListExperimentsCommand)
      .resolvesOnce({
        experiments: [{ id: 'EXPa', state: { status: 'running' }, tags: { 'hasivu:harness': 'true' } }],
        nextToken: 't',
      })
      .resolves({
        experiments: [{ id: 'EXPb', state: { status: 'running' }, tags: { team: 'other' } }],
      });
    const listed = await injector.list(signal);
    expect(listed.map((e) => [e.id, e.state.status])).toEqual([['EXPa', 'running']]);
  });
});
