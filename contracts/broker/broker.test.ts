import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONSUMER_NAMES, pactFilePath } from '../contract-names.ts';
import { runContracts } from '../run-contracts.ts';
import { startBrokerStub, type BrokerStubOptions, type RecordedRequest } from '../test-support/broker-stub.ts';
import { startFakePlatform } from '../../fixtures/fake-platform/start-fake-platform.ts';
import { resolveBrokerConfig } from './broker-config.ts';
import { recordDeployment } from './record-deployment.ts';

/**
 * No Pact Broker can run on the build machines, so these tests run the broker
 * features against a local stub of its HTTP API (test-support/broker-stub.ts) and
 * assert the exact requests the broker API expects: paths, query, auth and bodies.
 */
const PACT_FILES = CONSUMER_NAMES.map((c) => pactFilePath(c));
const BROKER_ENV = {
  PACT_BROKER_TOKEN: 'broker-token-0a1b2c',
  PACT_CONSUMER_VERSION: 'abc123',
  PACT_CONSUMER_BRANCH: 'feature/menus',
  PACT_PROVIDER_VERSION: '1.2.3',
  PACT_PROVIDER_BRANCH: 'main',
  PACT_BROKER_PUBLISH: 'true',
  PACT_CAN_I_DEPLOY_TO: 'production',
};

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hasivu-broker-test-'));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

async function contractRunWithBroker(
  stubOptions: Partial<BrokerStubOptions> = {},
  env: NodeJS.ProcessEnv = BROKER_ENV,
) {
  await using fake = await startFakePlatform();
  await using broker = await startBrokerStub({
    provider: 'hasivu-platform',
    pactFiles: PACT_FILES,
    ...stubOptions,
  });
  const result = await runContracts({
    environmentName: 'staging',
    target: {
      baseUrl: fake.url,
      credentials: { email: fake.email, password: fake.password },
      webhookSecret: fake.webhookSecret,
      adminToken: undefined,
      local: false,
    },
    reportsDir: await mkdtemp(join(workDir, 'reports-')),
    requestTimeoutMs: 5_000,
    maxResponseBytes: 1_048_576,
    env: { ...env, PACT_BROKER_BASE_URL: broker.url },
    log: () => undefined,
    signal: new AbortController().signal,
    runConsumers: false,
  });
  return {
    result,
    requests: [...broker.requests],
    unexpected: [...broker.unexpected],
    brokerUrl: broker.url,
  };
}

const calls = (requests: RecordedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);

describe.concurrent('Pact Broker support, against a stub of the broker API', { timeout: 30_000 }, () => {
  test('publishes each pact with its version and branch, verifies selected pacts, publishes results, asks can-i-deploy', async () => {
    const { result, requests, unexpected, brokerUrl } = await contractRunWithBroker();
    expect(unexpected).toEqual([]);
    expect(requests.every((r) => r.authorization === 'Bearer broker-token-0a1b2c')).toBe(true);
    expect(calls(requests)).toEqual([
      'POST /contracts/publish',
      'POST /contracts/publish',
      'GET /',
      'GET /pacts/provider/hasivu-platform/for-verification',
      'POST /pacts/provider/hasivu-platform/for-verification',
      'GET /pacts/provider/hasivu-platform/consumer/hasivu-web/pact-version/pv1',
      'GET /pacts/provider/hasivu-platform/consumer/hasivu-mobile/pact-version/pv2',
      'GET /pacticipants/hasivu-platform',
      'PUT /pacticipants/hasivu-platform/branches/main/versions/1.2.3',
      'POST /pacts/provider/hasivu-platform/consumer/hasivu-web/pact-version/pv1/verification-results',
      'GET /pacticipants/hasivu-platform',
      'PUT /pacticipants/hasivu-platform/branches/main/versions/1.2.3',
      'POST /pacts/provider/hasivu-platform/consumer/hasivu-mobile/pact-version/pv2/verification-results',
      'GET /matrix',
    ]);

    const [webPublish] = requests;
    const webPact = await readFile(PACT_FILES[0] ?? '', 'utf8');
    expect(webPublish?.body).toEqual({
      pacticipantName: 'hasivu-web',
      pacticipantVersionNumber: 'abc123',
      branch: 'feature/menus',
      tags: [],
      contracts: [
        {
          consumerName: 'hasivu-web',
          providerName: 'hasivu-platform',
          specification: 'pact',
          contentType: 'application/json',
          content: Buffer.from(webPact).toString('base64'),
        },
      ],
    });
    expect(requests.find((r) => r.method === 'POST' && r.path.endsWith('/for-verification'))?.body).toEqual({
      includePendingStatus: true,
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }, { branch: 'feature/menus' }],
      providerVersionBranch: 'main',
    });
    const verification = requests.find((r) => r.path.endsWith('/verification-results'));
    expect(verification?.body).toMatchObject({
      providerApplicationVersion: '1.2.3',
      success: true,
    });
    expect(requests.at(-1)?.query).toEqual({
      'q[][pacticipant]': ['hasivu-platform'],
      'q[][version]': ['1.2.3'],
      latestby: ['cvp'],
      environment: ['production'],
    });

    const byId = new Map(result.checks.map((c) => [c.id, c]));
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(byId.get('contract.broker.publish-pacts')?.status).toBe('pass');
    expect(byId.get('contract.broker.publish-verification-results')?.status).toBe('pass');
    expect(byId.get('contract.can-i-deploy')).toMatchObject({
      status: 'pass',
      severity: 'critical',
    });
    expect(byId.get('contract.hasivu-web.a-request-for-a-paid-order')?.evidence?.[0]).toBe(
      `${brokerUrl}/pacts/provider/hasivu-platform/consumer/hasivu-web/latest`,
    );
  });

  test('a "no" from can-i-deploy fails the critical check with the broker\'s reason', async () => {
    const { result } = await contractRunWithBroker({ deployable: false });
    const check = result.checks.find((c) => c.id === 'contract.can-i-deploy');
    expect(check).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(check?.message).toContain(
      'hasivu-platform 1.2.3 → production: There is no verified pact between hasivu-mobile',
    );
  });

  test('without PACT_BROKER_PUBLISH (and outside CI) nothing is published, but can-i-deploy still asks', async () => {
    const { requests } = await contractRunWithBroker({}, { ...BROKER_ENV, PACT_BROKER_PUBLISH: 'false' });
    expect(calls(requests)).not.toContain('POST /contracts/publish');
    expect(calls(requests).filter((c) => c.endsWith('/verification-results'))).toEqual([]);
    expect(calls(requests)).toContain('GET /matrix');
  });

  test('a verification result the broker refuses is a failed check, not a silent log line', async () => {
    const { result } = await contractRunWithBroker({ refuseVerificationResults: true });
    const check = result.checks.find((c) => c.id === 'contract.broker.publish-verification-results');
    expect(check?.status).toBe('fail');
    expect(check?.message).toMatch(/Publishing of verification results failed/);
  });

  test('record-deployment follows the broker links to the environment and posts the deployment', async () => {
    await using broker = await startBrokerStub({
      provider: 'hasivu-platform',
      pactFiles: PACT_FILES,
      environments: { production: 'env-7f3c' },
    });
    await recordDeployment(
      { url: broker.url, token: 'broker-token-0a1b2c' },
      { pacticipant: 'hasivu-platform', version: '1.2.3', environment: 'production' },
    );
    expect(broker.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/', undefined],
      ['GET', '/pacticipants/hasivu-platform/versions/1.2.3', undefined],
      ['POST', '/pacticipants/hasivu-platform/versions/1.2.3/deployed-versions/environment/env-7f3c', {}],
    ]);
    await expect(
      recordDeployment({ url: broker.url }, { pacticipant: 'hasivu-platform', version: '1.2.3', environment: 'qa' }),
    ).rejects.toThrow(/no environment "qa" for hasivu-platform \(known: production\)/);
  });
});

test('npm run contract:record-deployment records a promotion from the command line', async () => {
  await using broker = await startBrokerStub({
    provider: 'hasivu-platform',
    pactFiles: PACT_FILES,
    environments: { production: 'env-7f3c' },
  });
  const script = fileURLToPath(new URL('./record-deployment-main.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [script, '--environment', 'production', '--version', '1.2.3'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        PACT_BROKER_BASE_URL: broker.url,
        PACT_BROKER_TOKEN: 'broker-token-0a1b2c',
      },
      timeout: 20_000,
    },
  );
  expect(stdout).toContain('recorded deployment of hasivu-platform 1.2.3 to production');
  expect(broker.requests.at(-1)).toMatchObject({
    method: 'POST',
    path: '/pacticipants/hasivu-platform/versions/1.2.3/deployed-versions/environment/env-7f3c',
    authorization: 'Bearer broker-token-0a1b2c',
  });
});

describe('broker settings', () => {
  test('no PACT_BROKER_BASE_URL means no broker: everything works from local files', async () => {
    expect(await resolveBrokerConfig({}, 'staging')).toBeUndefined();
  });

  test('defaults: git version and branch, selectors including this branch, publish only in CI, can-i-deploy to the profile', async () => {
    const config = await resolveBrokerConfig(
      { PACT_BROKER_BASE_URL: 'https://broker.example/', PACT_CONSUMER_BRANCH: 'feature/x' },
      'staging',
    );
    expect(config).toMatchObject({
      url: 'https://broker.example',
      selectors: [{ mainBranch: true }, { deployedOrReleased: true }, { branch: 'feature/x' }],
      publish: false,
      canIDeployTo: 'staging',
      enablePending: true,
    });
    expect(config?.consumerVersion).toMatch(/^[0-9a-f]{40}$/);
    expect((await resolveBrokerConfig({ PACT_BROKER_BASE_URL: 'https://b.example', CI: 'true' }, 'dev'))?.publish).toBe(
      true,
    );
  });

  test('every bad setting is reported at once, by variable name', async () => {
    await expect(
      resolveBrokerConfig(
        {
          PACT_BROKER_BASE_URL: 'broker.example',
          PACT_BROKER_USERNAME: 'ci',
          PACT_CONSUMER_VERSION_SELECTORS: '{"mainBranch":true}',
          PACT_BROKER_PUBLISH: 'maybe',
        },
        'staging',
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_BROKER_CONFIG',
      exitCode: 2,
      message: expect.stringMatching(
        /PACT_BROKER_BASE_URL="broker.example"[\s\S]*PACT_BROKER_USERNAME is set without PACT_BROKER_PASSWORD[\s\S]*PACT_CONSUMER_VERSION_SELECTORS must be[\s\S]*PACT_BROKER_PUBLISH="maybe"/,
      ) as unknown,
    });
  });
});
