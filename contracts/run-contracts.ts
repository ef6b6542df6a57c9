import './pact-telemetry.ts';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Target } from '../runner/target.ts';
import { redact } from '../common/redact.ts';
import { ApiClient } from '../fixtures/api-client/api-client.ts';
import { jsonBody } from '../fixtures/api-client/api-response.ts';
import type { Check, RunResult } from '../reports/run-result.ts';
import { resolveBrokerConfig, type BrokerConfig } from './broker/broker-config.ts';
import { canIDeploy } from './broker/can-i-deploy.ts';
import { publishPacts } from './broker/publish-pacts.ts';
import { evidencePath, interactionChecks } from './contract-checks.ts';
import { CONSUMER_NAMES, PACTS_DIR, PROVIDER_NAME, pactFilePath } from './contract-names.ts';
import { plannedInteractions, type PlannedInteraction } from './pact-file.ts';
import { runVerification } from './provider/run-verification.ts';
import { loadStatesHook } from './provider/states-hook.ts';
import type { BrokerPactSource, VerificationRun } from './provider/verify-provider.ts';
import { runConsumers, type ConsumerOutcome } from './run-consumers.ts';

const PACT_VERSION = (
  createRequire(import.meta.url)('@pact-foundation/pact/package.json') as { version: string }
).version;

export interface ContractRunOptions {
  environmentName: string;
  target: Target;
  reportsDir: string;
  requestTimeoutMs: number;
  maxResponseBytes: number;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  signal: AbortSignal;
  /** Regenerate the pacts first (default). Tests that only verify set this to false. */
  runConsumers?: boolean;
  /** The committed pacts; tests point this elsewhere. */
  pactsDir?: string;
  /** Deadlines of the two steps. */
  consumerTimeoutMs?: number;
  verificationTimeoutMs?: number;
}

const harnessCheck = (
  id: string,
  title: string,
  partial: Pick<Check, 'status' | 'severity'> & Partial<Check>,
): Check => ({
  id,
  title,
  category: 'contract',
  durationMs: 0,
  ...partial,
  ...(partial.message ? { message: redact(partial.message) } : {}),
});

function consumerChecks(outcomes: ConsumerOutcome[]): Check[] {
  // Only failures become checks: a passing consumer test is a fact about the harness, not the platform.
  return outcomes
    .filter((o) => o.problem)
    .map((o) =>
      harnessCheck(
        `contract.${o.consumer}.consumer-tests`,
        `${o.consumer}: consumer tests generate its pact`,
        {
          status: 'error',
          severity: 'critical',
          message: `${o.problem ?? ''}; the committed pact in contracts/pacts/ was verified instead`,
        },
      ),
    );
}

/** Any HTTP answer will do; only "nothing answers" stops the verification before it starts. */
async function unreachable(options: ContractRunOptions): Promise<string | undefined> {
  const client = new ApiClient({
    baseUrl: options.target.baseUrl,
    timeoutMs: options.requestTimeoutMs,
    maxResponseBytes: options.maxResponseBytes,
  });
  try {
    await client.get('/health/live');
    return undefined;
  } catch (error) {
    return `the target does not answer: ${(error as Error).message}`;
  } finally {
    await client.close();
  }
}

/** The deployed version of the provider: PACT_PROVIDER_VERSION, or what the target says in GET /health. */
async function providerVersion(
  broker: BrokerConfig,
  options: ContractRunOptions,
): Promise<string | undefined> {
  if (broker.providerVersion) return broker.providerVersion;
  const client = new ApiClient({
    baseUrl: options.target.baseUrl,
    timeoutMs: options.requestTimeoutMs,
    maxResponseBytes: options.maxResponseBytes,
  });
  try {
    const health = jsonBody(await client.get('/health')) as { releaseId?: unknown };
    return typeof health.releaseId === 'string' && health.releaseId ? health.releaseId : undefined;
  } catch {
    return undefined;
  } finally {
    await client.close();
  }
}

/**
 * A whole contract run: consumers, then (with a broker) publishing, then provider
 * verification against the target, then (with a broker) can-i-deploy. Returns the
 * `contract` RunResult with one check per interaction; the caller writes it.
 */
export async function runContracts(options: ContractRunOptions): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const { log, env } = options;
  const workDir = join(options.reportsDir, 'contract');
  const pactsDir = options.pactsDir ?? PACTS_DIR;
  // Configuration errors surface before anything runs (HarnessError, exit code 2).
  const broker = await resolveBrokerConfig(env, options.environmentName);
  await loadStatesHook(env);
  const checks: Check[] = [];
  const pactFiles = CONSUMER_NAMES.map((c) => pactFilePath(c, pactsDir));
  // Only a pact its consumer tests just produced is published under this commit.
  let freshPacts = pactFiles;

  if (options.runConsumers !== false) {
    log('contract: running the consumer tests (hasivu-web, hasivu-mobile)');
    const outcomes = await runConsumers({
      workDir: join(workDir, 'consumers'),
      timeoutMs: options.consumerTimeoutMs ?? 60_000,
      signal: options.signal,
      pactsDir,
    });
    for (const o of outcomes)
      log(
        `contract: ${o.consumer} pact ${o.regenerated ? 'regenerated' : `NOT regenerated: ${redact(o.problem ?? '')}`}`,
      );
    checks.push(...consumerChecks(outcomes));
    freshPacts = outcomes
      .filter((o) => o.regenerated)
      .map((o) => pactFilePath(o.consumer, pactsDir));
  }

  let brokerSource: BrokerPactSource | undefined;
  let version: string | undefined;
  if (broker) {
    version = await providerVersion(broker, options);
    if (broker.publish) {
      const started = Date.now();
      try {
        const published = await publishPacts(broker, {
          pactFiles: freshPacts,
          // resolveBrokerConfig refuses to publish without a consumer version.
          consumerVersion: broker.consumerVersion ?? '',
          ...(broker.consumerBranch ? { consumerBranch: broker.consumerBranch } : {}),
          ...(env.BUILD_URL ? { buildUrl: env.BUILD_URL } : {}),
        });
        log(`contract: published ${published.join(', ')} to ${broker.url}`);
        checks.push(
          harnessCheck('contract.broker.publish-pacts', 'Pacts published to the Pact Broker', {
            status: 'pass',
            severity: 'major',
            durationMs: Date.now() - started,
          }),
        );
      } catch (error) {
        checks.push(
          harnessCheck('contract.broker.publish-pacts', 'Pacts published to the Pact Broker', {
            status: 'fail',
            severity: 'major',
            message: `publishing to ${broker.url} failed: ${(error as Error).message}`,
            durationMs: Date.now() - started,
          }),
        );
      }
    } else {
      log(
        'contract: not publishing to the broker (PACT_BROKER_PUBLISH is not true and CI is not set)',
      );
    }
    brokerSource = {
      url: broker.url,
      ...(broker.token ? { token: broker.token } : {}),
      ...(broker.username ? { username: broker.username, password: broker.password ?? '' } : {}),
      consumerVersionSelectors: broker.selectors,
      enablePending: broker.enablePending,
      providerVersion: version ?? 'unknown',
      ...(broker.providerBranch ? { providerVersionBranch: broker.providerBranch } : {}),
      // Results are only worth publishing under a real provider version.
      publishResults: broker.publish && version !== undefined,
    };
  }

  let planned: PlannedInteraction[] = [];
  if (!brokerSource) planned = await plannedInteractions(pactFiles);
  const logFile = join(workDir, 'provider-verification.log');
  log(
    `contract: verifying ${PROVIDER_NAME} at ${options.target.baseUrl} against ${brokerSource ? `pacts from ${brokerSource.url}` : `${planned.length} interactions in contracts/pacts/`}`,
  );
  const down = await unreachable(options);
  const run: VerificationRun = down
    ? { output: undefined, crash: down, unavailable: {}, failed: {}, knownStates: [] }
    : await runVerification(
        {
          target: options.target,
          requestTimeoutMs: options.requestTimeoutMs,
          maxResponseBytes: options.maxResponseBytes,
          pactFiles,
          ...(brokerSource ? { broker: brokerSource } : {}),
          ...(env.HARNESS_CONTRACT_STATES ? { statesHook: env.HARNESS_CONTRACT_STATES } : {}),
        },
        { logFile, timeoutMs: options.verificationTimeoutMs ?? 120_000, signal: options.signal },
      );
  if (down) log(`contract: ${down}`);
  const evidence = (consumer: string): string[] => [
    brokerSource
      ? `${brokerSource.url}/pacts/provider/${PROVIDER_NAME}/consumer/${consumer}/latest`
      : evidencePath(pactFilePath(consumer, pactsDir)),
    evidencePath(logFile),
  ];
  const verified = interactionChecks({ run, planned, evidence });
  if (verified.length === 0) {
    verified.push(
      harnessCheck(
        'contract.verification',
        `${PROVIDER_NAME} verified against its consumers' pacts`,
        {
          status: 'error',
          severity: 'critical',
          message: run.crash
            ? `the verification did not complete: ${run.crash}`
            : 'the verifier found no interactions to verify',
          evidence: [evidencePath(logFile)],
        },
      ),
    );
  }
  checks.push(...verified);
  if (brokerSource?.publishResults) {
    const failures = run.publishFailures ?? [];
    checks.push(
      harnessCheck(
        'contract.broker.publish-verification-results',
        'Verification results published to the Pact Broker',
        {
          status: failures.length > 0 ? 'fail' : 'pass',
          severity: 'major',
          ...(failures.length > 0
            ? { message: failures.join('; '), evidence: [evidencePath(logFile)] }
            : {}),
        },
      ),
    );
  }

  if (broker) {
    const id = 'contract.can-i-deploy';
    const title = `can-i-deploy ${PROVIDER_NAME} to ${broker.canIDeployTo}`;
    if (!version) {
      checks.push(
        harnessCheck(id, title, {
          status: 'error',
          severity: 'critical',
          message: `no provider version: set PACT_PROVIDER_VERSION, or make GET ${options.target.baseUrl}/health report releaseId`,
        }),
      );
    } else {
      const started = Date.now();
      try {
        const answer = await canIDeploy(broker, {
          pacticipant: PROVIDER_NAME,
          version,
          environment: broker.canIDeployTo,
        });
        checks.push(
          harnessCheck(id, title, {
            status: answer.deployable ? 'pass' : 'fail',
            severity: 'critical',
            message: `${PROVIDER_NAME} ${version} → ${broker.canIDeployTo}: ${answer.reason}`,
            evidence: [
              `${broker.url}/matrix?q[][pacticipant]=${PROVIDER_NAME}&q[][version]=${encodeURIComponent(version)}&latestby=cvp&environment=${encodeURIComponent(broker.canIDeployTo)}`,
            ],
            durationMs: Date.now() - started,
          }),
        );
      } catch (error) {
        checks.push(
          harnessCheck(id, title, {
            status: 'error',
            severity: 'critical',
            message: (error as Error).message,
            durationMs: Date.now() - started,
          }),
        );
      }
    }
  }

  return {
    kind: 'contract',
    environment: options.environmentName,
    target: options.target.baseUrl,
    startedAt,
    finishedAt: new Date().toISOString(),
    tool: { name: 'pact-js', version: PACT_VERSION },
    checks,
    ...(options.signal.aborted
      ? {
          aborted: {
            reason: String((options.signal.reason as Error | undefined)?.message ?? 'aborted'),
          },
        }
      : {}),
  };
}
