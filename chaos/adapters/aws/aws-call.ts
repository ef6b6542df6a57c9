import { setTimeout as delay } from 'node:timers/promises';
import { HarnessError } from '../../../common/harness-error.ts';
import { redact } from '../../../common/redact.ts';
import { awsErrorCode, classifyAwsError } from './aws-error-kind.ts';

/** An IAM action in policy spelling, e.g. `fis:StartExperiment`: what a denied call lacked. */
export type IamAction = `${'fis' | 'cloudwatch' | 'codedeploy' | 'lambda'}:${string}`;

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time, with full jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Replaceable so tests can record the backoff instead of waiting for it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** 0–1; the jitter source, replaceable for deterministic tests. */
  random?: () => number;
  log?: (line: string) => void;
}

/**
 * The SDK clients are built with `maxAttempts: 1` (sdk-clients.ts), so this is the only
 * retry layer: one place that logs each throttled attempt and honours the drill's signal.
 */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

const sleepFor = async (ms: number, signal?: AbortSignal): Promise<void> => {
  await delay(ms, undefined, { signal });
};

function describe(error: unknown): string {
  return redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

/**
 * Runs one AWS API call. Throttling is retried with exponential backoff; access denied becomes
 * one HarnessError that names the IAM action to grant; missing or invalid credentials become
 * one HarnessError that says where the SDK looks for them. Anything else is rethrown as is.
 */
export async function callAws<T>(
  action: IamAction,
  call: () => Promise<T>,
  options: { retry?: RetryPolicy; signal?: AbortSignal } = {},
): Promise<T> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = policy.sleep ?? sleepFor;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const kind = classifyAwsError(error);
      if (kind === 'access-denied') {
        throw new HarnessError(
          'AWS_ACCESS_DENIED',
          `AWS refused ${action}: the identity running the harness lacks the IAM permission "${action}". ` +
            `Fix: allow "${action}" in its policy (docs/chaos-aws.md lists every action a drill needs). AWS said: ${describe(error)}`,
          { cause: error },
        );
      }
      if (kind === 'no-credentials') {
        throw new HarnessError(
          'AWS_CREDENTIALS',
          `AWS rejected the credentials for ${action} (${awsErrorCode(error) ?? 'no code'}). Fix: set AWS_PROFILE or ` +
            'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials) to a valid identity.',
          { cause: error },
        );
      }
      if (kind !== 'throttled' || attempt >= policy.maxAttempts) {
        if (kind === 'throttled') {
          throw new HarnessError(
            'AWS_THROTTLED',
            `AWS kept throttling ${action} after ${attempt} attempts. Fix: retry later or raise the account's API rate quota. AWS said: ${describe(error)}`,
            { cause: error, exitCode: 1 },
          );
        }
        throw error;
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const wait = Math.round(ceiling * random());
      policy.log?.(
        `aws: ${action} throttled (attempt ${attempt} of ${policy.maxAttempts}), retrying in ${wait} ms`,
      );
      await sleep(wait, options.signal);
    }
  }
}
