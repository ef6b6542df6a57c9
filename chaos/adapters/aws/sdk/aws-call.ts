import { setTimeout as delay } from 'node:timers/promises';
import { HarnessError } from '../../../../common/harness-error.ts';
import { redact } from '../../../../common/redact.ts';
import { awsErrorCode, classifyAwsError, isTransientAwsError } from './aws-error-kind.ts';
import { SDK_MAX_ATTEMPTS } from './sdk-clients.ts';

/** An IAM action in policy spelling, e.g. `fis:StartExperiment`: what a denied call lacked. */
export type IamAction = `${'fis' | 'cloudwatch' | 'codedeploy' | 'lambda'}:${string}`;

/**
 * How long a rollback call keeps retrying transient failures (5xx, throttling, a dropped
 * connection) after the SDK's own attempts are spent. A rollback that gives up on the first
 * 500 leaves a fault running; one that retries forever never reports it.
 */
export interface RetryPolicy {
  /** Give up after this long, or this many rounds of SDK attempts, whichever comes first. */
  deadlineMs: number;
  maxAttempts: number;
  /** Delay before the second round; doubles each time, with full jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Replaceable so tests can record the backoff instead of waiting for it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** 0–1; the jitter source, replaceable for deterministic tests. */
  random?: () => number;
  log?: (line: string) => void;
}

export const ROLLBACK_RETRY: RetryPolicy = {
  deadlineMs: 60_000,
  maxAttempts: 30,
  baseDelayMs: 500,
  maxDelayMs: 5_000,
};

const sleepFor = async (ms: number, signal?: AbortSignal): Promise<void> => {
  await delay(ms, undefined, { signal });
};

function describe(error: unknown): string {
  return redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

/**
 * An AWS error the harness does not turn into advice: the same `name` (the AWS error code, so
 * classifyAwsError still sorts it), and a message that names the action and the resource.
 */
export class AwsCallError extends Error {
  readonly action: IamAction;
  readonly resource: string;
  readonly $metadata: unknown;
  readonly $fault: unknown;

  constructor(action: IamAction, resource: string, error: unknown) {
    super(`AWS ${action} on ${resource} failed: ${describe(error)}`, { cause: error });
    this.name = awsErrorCode(error) ?? 'Error';
    this.action = action;
    this.resource = resource;
    this.$metadata = (error as { $metadata?: unknown } | undefined)?.$metadata;
    this.$fault = (error as { $fault?: unknown } | undefined)?.$fault;
  }
}

function translate(action: IamAction, resource: string, error: unknown, attempts: string): Error {
  const kind = classifyAwsError(error);
  if (kind === 'access-denied') {
    return new HarnessError(
      'AWS_ACCESS_DENIED',
      `AWS refused ${action} on ${resource}: the identity running the harness lacks the IAM permission "${action}". ` +
        `Fix: allow "${action}" in its policy (docs/chaos-aws.md lists every action a drill needs). AWS said: ${describe(error)}`,
      { cause: error },
    );
  }
  if (kind === 'no-credentials') {
    return new HarnessError(
      'AWS_CREDENTIALS',
      `AWS rejected the credentials for ${action} on ${resource} (${awsErrorCode(error) ?? 'no code'}). Fix: set AWS_PROFILE or ` +
        'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials) to a valid identity.',
      { cause: error },
    );
  }
  if (kind === 'throttled') {
    return new HarnessError(
      'AWS_THROTTLED',
      `AWS kept throttling ${action} on ${resource} after ${attempts}. Fix: retry later or raise the account's API rate quota. AWS said: ${describe(error)}`,
      { cause: error },
    );
  }
  if (error instanceof AwsCallError || (error as { name?: string } | undefined)?.name === 'AbortError')
    return error as Error;
  return new AwsCallError(action, resource, error);
}

/**
 * Runs one AWS API call. The SDK client retries by itself (standard mode, sdk-clients.ts);
 * `persistent` calls, the rollbacks', go on retrying transient failures until `retry`'s
 * deadline. Whatever fails names the IAM action and the resource: access denied says which
 * permission to grant, bad credentials where the SDK looks for them.
 */
async function callAws<T>(
  action: IamAction,
  resource: string,
  call: () => Promise<T>,
  options: { retry?: RetryPolicy; persistent?: boolean; signal?: AbortSignal } = {},
): Promise<T> {
  const policy = options.retry ?? ROLLBACK_RETRY;
  const sleep = policy.sleep ?? sleepFor;
  const random = policy.random ?? Math.random;
  const deadline = Date.now() + policy.deadlineMs;
  for (let round = 1; ; round += 1) {
    try {
      return await call();
    } catch (error) {
      const again =
        options.persistent &&
        isTransientAwsError(error) &&
        round < policy.maxAttempts &&
        Date.now() < deadline &&
        !options.signal?.aborted;
      if (!again) {
        throw translate(
          action,
          resource,
          error,
          options.persistent
            ? `${round} rounds of ${SDK_MAX_ATTEMPTS} SDK attempts`
            : `the SDK's ${SDK_MAX_ATTEMPTS} attempts`,
        );
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (round - 1));
      const wait = Math.min(Math.round(ceiling * random()), Math.max(0, deadline - Date.now()));
      policy.log?.(
        `aws: ${action} on ${resource} failed (${describe(error)}); a rollback call, retrying in ${wait} ms`,
      );
      await sleep(wait, options.signal);
    }
  }
}

/** What every per-service API takes besides its SDK client. */
export interface AwsApiOptions {
  retry?: RetryPolicy;
}

/** An SDK v3 command (`new GetAliasCommand(…)`); its output type is read off its handler. */
export interface SdkCommand {
  readonly input: object;
  resolveMiddleware(...args: never[]): unknown;
}
export type CommandOutput<Command> = Command extends {
  resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: infer Output }>;
}
  ? Output
  : never;

/** The one method of an SDK v3 client the harness calls. */
interface SdkClient {
  send(command: SdkCommand, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * Sends one command through an SDK client with `callAws`: named by its IAM action and the
 * resource it touches, aborted with `signal`.
 */
export type AwsSend<Action extends IamAction> = <Command extends SdkCommand>(
  action: Action,
  resource: string,
  command: Command,
  signal: AbortSignal | undefined,
) => Promise<CommandOutput<Command>>;

/**
 * The two ways every per-service API sends, one pair per SDK client: `once` leaves retries to
 * the SDK's own attempts; `persistent`, for rollbacks and the looks that judge them, goes on
 * retrying transient failures until the retry policy's deadline.
 */
export function awsSenders<Action extends IamAction>(
  client: SdkClient,
  options: AwsApiOptions = {},
): { once: AwsSend<Action>; persistent: AwsSend<Action> } {
  const sender =
    (persistent: boolean): AwsSend<Action> =>
    (action, resource, command, signal) =>
      callAws(
        action,
        resource,
        () => client.send(command, { abortSignal: signal }) as Promise<CommandOutput<typeof command>>,
        {
          retry: options.retry,
          signal,
          persistent,
        },
      );
  return { once: sender(false), persistent: sender(true) };
}
