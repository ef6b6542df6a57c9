import { describe, expect, test } from 'vitest';
import type { AlarmState } from '../../common/aws-shapes/cloudwatch.ts';
import { seededRandom } from '../../common/seeded-random.ts';
import type { InvokeOutcome } from '../lambda/function-instance.ts';
import { Experiments, type ExperimentInput } from './experiments.ts';
import { invokeWithFaults } from './lambda-fault.ts';

const at = (ms: number): Date => new Date(1_800_000_000_000 + ms);

function setUp() {
  const alarms = new Map<string, AlarmState>([['errors', 'OK']]);
  const experiments = new Experiments({
    alarmState: (name) => alarms.get(name),
    functionExists: (name, version) =>
      name === 'createOrder' && (version === undefined || version === '1' || version === '2'),
  });
  return { alarms, experiments };
}

const definition = (
  parameters: Record<string, string>,
  extra: Partial<ExperimentInput> = {},
  actionId = 'aws:lambda:invocation-error',
  resource = 'createOrder:2',
): ExperimentInput => ({
  actions: { fault: { actionId, parameters, targets: { Functions: 'fn' } } },
  targets: {
    fn: { resourceType: 'aws:lambda:function', resourceArns: [resource], selectionMode: 'ALL' },
  },
  stopConditions: [{ source: 'aws:cloudwatch:alarm', value: 'errors' }],
  ...extra,
});

describe('the experiment state machine', () => {
  test('pending, initiating, running; the fault is active only while running and only on its target; completed after its duration', () => {
    const { experiments } = setUp();
    const { id } = experiments.start(definition({ duration: 'PT30S' }), at(0));
    const states = [experiments.get(id).state.status];
    const active = [experiments.activeFaults('createOrder', '2').length];
    for (const ms of [10, 20]) {
      experiments.tick(at(ms));
      states.push(experiments.get(id).state.status);
      active.push(experiments.activeFaults('createOrder', '2').length);
    }
    expect(states).toEqual(['pending', 'initiating', 'running']);
    expect(active).toEqual([0, 0, 1]);
    expect(experiments.activeFaults('createOrder', '1')).toEqual([]);
    experiments.tick(at(20 + 29_999));
    expect(experiments.get(id).state.status).toBe('running');
    experiments.tick(at(20 + 30_000));
    const done = experiments.get(id);
    expect(done.state.status).toBe('completed');
    expect(done.actions.fault?.state?.status).toBe('completed');
    expect(done.endTime).toBe(at(30_020).toISOString());
    expect(experiments.activeFaults('createOrder', '2')).toEqual([]);
  });

  test('stop goes through stopping to stopped; stopping an ended experiment changes nothing', () => {
    const { experiments } = setUp();
    const { id } = experiments.start(definition({ duration: 'PT2M' }), at(0));
    experiments.tick(at(1));
    experiments.tick(at(2));
    expect(experiments.stop(id, at(3)).state.status).toBe('stopping');
    expect(experiments.activeFaults('createOrder', '2')).toEqual([]);
    experiments.tick(at(4));
    expect(experiments.get(id)).toMatchObject({
      state: { status: 'stopped' },
      actions: { fault: { state: { status: 'stopped' } } },
    });
    expect(experiments.stop(id, at(5)).state.status).toBe('stopped');
  });

  test('a stop-condition alarm in ALARM stops it', () => {
    const { experiments, alarms } = setUp();
    const { id } = experiments.start(definition({ duration: 'PT2M' }), at(0));
    experiments.tick(at(1));
    experiments.tick(at(2));
    alarms.set('errors', 'ALARM');
    experiments.tick(at(3));
    experiments.tick(at(4));
    expect(experiments.get(id).state).toEqual({
      status: 'stopped',
      reason: 'Experiment stopped by stop condition errors.',
    });
  });

  test('a target that does not resolve fails the experiment', () => {
    const { experiments } = setUp();
    const { id } = experiments.start(
      definition({ duration: 'PT1M' }, {}, 'aws:lambda:invocation-error', 'getMenu'),
      at(0),
    );
    experiments.tick(at(1));
    experiments.tick(at(2));
    expect(experiments.get(id).state).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/no function getMenu/) as unknown,
    });
  });

  test('skip-all runs through the states, marks actions skipped and injects nothing', () => {
    const { experiments } = setUp();
    const { id } = experiments.start(
      definition({ duration: 'PT1M' }, { experimentOptions: { actionsMode: 'skip-all' } }),
      at(0),
    );
    const seen: string[] = [];
    for (const ms of [1, 2, 3]) {
      experiments.tick(at(ms));
      seen.push(experiments.get(id).state.status);
      expect(experiments.activeFaults('createOrder', '2')).toEqual([]);
    }
    expect(seen).toEqual(['initiating', 'running', 'completed']);
    expect(experiments.get(id).actions.fault?.state?.status).toBe('skipped');
  });

  test('refuses bad parameters, unknown actions and unknown alarms, naming each field', () => {
    const { experiments } = setUp();
    const tryStart = (input: ExperimentInput): unknown => {
      try {
        experiments.start(input, at(0));
        return undefined;
      } catch (error) {
        return (error as { details?: unknown }).details;
      }
    };
    expect(tryStart(definition({ duration: 'PT2X', invocationPercentage: '150', preventExecution: 'yes' }))).toEqual({
      'actions.fault.parameters.duration': [expect.stringMatching(/ISO-8601/)],
      'actions.fault.parameters.invocationPercentage': [expect.stringMatching(/0 to 100/)],
      'actions.fault.parameters.preventExecution': ['must be "true" or "false"'],
    });
    expect(tryStart(definition({ duration: 'PT1M' }, {}, 'aws:lambda:invocation-add-delay'))).toEqual({
      'actions.fault.parameters.startupDelayMilliseconds': ['is required'],
    });
    expect(tryStart(definition({ duration: 'PT1M' }, {}, 'aws:ec2:stop-instances'))).toHaveProperty([
      'actions.fault.actionId',
    ]);
    expect(
      tryStart(
        definition({ duration: 'PT1M' }, { stopConditions: [{ source: 'aws:cloudwatch:alarm', value: 'nope' }] }),
      ),
    ).toHaveProperty(['stopConditions.0.value']);
    expect(experiments.list()).toEqual([]);
  });
});

describe('Lambda faults on an invocation', () => {
  const ok: InvokeOutcome = { ok: true, result: { statusCode: 200, body: 'fine' } };
  const fault = (
    actionId: 'aws:lambda:invocation-error' | 'aws:lambda:invocation-http-integration-response',
    extra = {},
  ) => ({
    actionId,
    durationMs: 60_000,
    invocationPercentage: 100,
    preventExecution: true,
    startupDelayMs: 0,
    statusCode: 503,
    contentType: 'text/plain',
    targets: [{ functionName: 'createOrder' }],
    ...extra,
  });

  test('invocation-error fails the invocation, and with preventExecution false still runs the handler', async () => {
    let ran = 0;
    const invoke = () => {
      ran++;
      return Promise.resolve(ok);
    };
    expect(await invokeWithFaults([fault('aws:lambda:invocation-error')], invoke)).toMatchObject({
      ok: false,
      errorType: 'FisInjectedError',
    });
    expect(ran).toBe(0);
    await invokeWithFaults([fault('aws:lambda:invocation-error', { preventExecution: false })], invoke);
    expect(ran).toBe(1);
  });

  test('http-integration-response answers the status and content type', async () => {
    expect(
      await invokeWithFaults([fault('aws:lambda:invocation-http-integration-response')], () => Promise.resolve(ok)),
    ).toEqual({
      ok: true,
      result: { statusCode: 503, headers: { 'content-type': 'text/plain' }, body: '' },
    });
  });

  test('invocationPercentage applies the fault to that share of invocations', async () => {
    const random = seededRandom(11);
    let failed = 0;
    for (let i = 0; i < 1000; i++) {
      const outcome = await invokeWithFaults(
        [fault('aws:lambda:invocation-error', { invocationPercentage: 30 })],
        () => Promise.resolve(ok),
        random,
      );
      if (!outcome.ok) failed++;
    }
    expect(Math.abs(failed / 1000 - 0.3)).toBeLessThanOrEqual(0.03);
  });
});
