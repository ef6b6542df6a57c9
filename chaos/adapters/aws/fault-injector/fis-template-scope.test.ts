import {
  FisClient,
  GetExperimentTemplateCommand,
  StartExperimentCommand,
  UpdateExperimentTemplateCommand,
  type ExperimentTemplateTarget,
} from '@aws-sdk/client-fis';
import { describe, expect, it } from 'vitest';
import { fisApi } from '../sdk/fis-api.ts';
import { FisFaultInjector } from './fis-fault-injector.ts';
import { templateScope } from './fis-template-scope.ts';
import { INVOCATION_ERROR, REGION, SETTINGS } from '../test-support/fis-fixtures.ts';
import { FAKE_CREDENTIALS, NO_WAIT_RETRY, forbidNetwork } from '../test-support/no-network.ts';
import { stubSdkClient } from '../test-support/sdk-stub.ts';

forbidNetwork();

const signal = new AbortController().signal;
const FUNCTION_ARN = SETTINGS.functionArn('hasivu-platform-staging-orders');
const CANARY = `${FUNCTION_ARN}:7`;
const lambdaTarget = (extra: Partial<ExperimentTemplateTarget>): ExperimentTemplateTarget => ({
  resourceType: 'aws:lambda:function',
  selectionMode: 'ALL',
  ...extra,
});

function pinned(target: ExperimentTemplateTarget) {
  const client = new FisClient({ region: REGION, credentials: FAKE_CREDENTIALS });
  const stub = stubSdkClient(client);
  stub
    .on(GetExperimentTemplateCommand)
    .resolves({ experimentTemplate: { id: 'EXTpinned', targets: { canary: target } } });
  stub.on(UpdateExperimentTemplateCommand).resolves({});
  stub.on(StartExperimentCommand).resolves({ experiment: { id: 'EXPx', state: { status: 'initiating' } } });
  const injector = new FisFaultInjector({
    api: fisApi(client, { retry: NO_WAIT_RETRY }),
    settings: SETTINGS,
    templateIds: { 'fis-invocation-error': 'EXTpinned' },
  });
  return { stub, injector };
}

describe('every experiment touches only the canary', () => {
  it('a pinned template on the whole function is refused with the reason, nothing started or changed', async () => {
    const { stub, injector } = pinned(lambdaTarget({ resourceArns: [FUNCTION_ARN] }));
    const refused = injector.start(INVOCATION_ERROR, signal);
    await expect(refused).rejects.toMatchObject({ code: 'FIS_TEMPLATE_TOO_WIDE' });
    await expect(refused).rejects.toThrow(
      `experiment template EXTpinned (aws.fisTemplates.fis-invocation-error) reaches beyond the canary ${CANARY}: target canary is the unqualified function ${FUNCTION_ARN}: every version, the live one included`,
    );
    expect(stub.sent()).toEqual(['GetExperimentTemplateCommand']);
  });

  it('a pinned template selecting by tags is refused too', async () => {
    const { stub, injector } = pinned(lambdaTarget({ resourceTags: { app: 'hasivu' } }));
    await expect(injector.start(INVOCATION_ERROR, signal)).rejects.toThrow(/selects resources by tags/);
    expect(stub.inputsOf(StartExperimentCommand)).toHaveLength(0);
  });

  it('a pinned template on the canary placeholder is pointed at this canary, read back, then started', async () => {
    const { stub, injector } = pinned(lambdaTarget({ resourceArns: [`${FUNCTION_ARN}:HASIVU_CANARY`] }));
    stub
      .on(GetExperimentTemplateCommand)
      .resolvesOnce({
        experimentTemplate: {
          id: 'EXTpinned',
          targets: { canary: lambdaTarget({ resourceArns: [`${FUNCTION_ARN}:HASIVU_CANARY`] }) },
        },
      })
      .resolves({
        experimentTemplate: { id: 'EXTpinned', targets: { canary: lambdaTarget({ resourceArns: [CANARY] }) } },
      });
    await injector.start(INVOCATION_ERROR, signal);
    expect(stub.sent()).toEqual([
      'GetExperimentTemplateCommand',
      'UpdateExperimentTemplateCommand',
      'GetExperimentTemplateCommand',
      'StartExperimentCommand',
    ]);
  });

  it('an update that does not stick (the read-back still differs) is refused', async () => {
    const { stub, injector } = pinned(lambdaTarget({ resourceArns: [`${FUNCTION_ARN}:3`] }));
    await expect(injector.start(INVOCATION_ERROR, signal)).rejects.toThrow(
      /target canary is version 3 of the function, not the canary/,
    );
    expect(stub.inputsOf(StartExperimentCommand)).toHaveLength(0);
  });

  it('an experiment naming no version (the bare function) is refused before any call', async () => {
    const { stub, injector } = pinned(lambdaTarget({ resourceArns: [CANARY] }));
    const bare = {
      ...INVOCATION_ERROR,
      targets: { canary: { ...INVOCATION_ERROR.targets.canary!, resourceArns: ['hasivu-platform-staging-orders'] } },
    };
    await expect(injector.start(bare, signal)).rejects.toMatchObject({ code: 'FIS_NO_CANARY' });
    expect(stub.sent()).toEqual([]);
  });

  it('the dry run reads a pinned template and creates nothing; a wide one fails the plan', async () => {
    const { stub, injector } = pinned(lambdaTarget({ resourceArns: [FUNCTION_ARN] }));
    await expect(injector.plan(INVOCATION_ERROR, signal)).rejects.toMatchObject({ code: 'FIS_TEMPLATE_TOO_WIDE' });
    const ok = pinned(lambdaTarget({ resourceArns: [`${FUNCTION_ARN}:HASIVU_CANARY`] }));
    await expect(ok.injector.plan(INVOCATION_ERROR, signal)).resolves.toMatch(/points it at its canary/);
    const unpinned = new FisFaultInjector({
      api: fisApi(new FisClient({ region: REGION, credentials: FAKE_CREDENTIALS })),
      settings: SETTINGS,
    });
    await expect(unpinned.plan(INVOCATION_ERROR, signal)).resolves.toMatch(
      /valid CreateExperimentTemplate request; nothing was created/,
    );
    expect([...stub.sent(), ...ok.stub.sent()]).toEqual([
      'GetExperimentTemplateCommand',
      'GetExperimentTemplateCommand',
    ]);
  });

  it('templateScope: exactly the canary passes; another function is not retargetable', () => {
    expect(templateScope({ targets: { c: lambdaTarget({ resourceArns: [CANARY] }) } }, [CANARY])).toEqual({
      problems: [],
      retargetable: false,
    });
    const other = templateScope(
      { targets: { c: lambdaTarget({ resourceArns: [SETTINGS.functionArn('payments:7')] }) } },
      [CANARY],
    );
    expect(other.retargetable).toBe(false);
    expect(other.problems[0]).toMatch(/which this drill does not fault/);
  });
});
