import type { FisExperimentAction, FisExperimentTarget, FisLambdaActionId } from '../../common/aws-shapes/fis.ts';
import { FIS_LAMBDA_TARGET_KEY } from '../../common/aws-shapes/fis.ts';
import type { InvokeOutcome } from '../lambda/function-instance.ts';
import { parseIsoDuration } from './iso-duration.ts';

/** FIS runs a Lambda fault for at most 12 hours. */
const MAX_DURATION_MS = 12 * 3_600_000;

/** One FIS Lambda action, with its string parameters read, and the versions it hits. */
export interface LambdaFault {
  actionId: FisLambdaActionId;
  durationMs: number;
  /** 0-100: the share of invocations the fault applies to. */
  invocationPercentage: number;
  preventExecution: boolean;
  startupDelayMs: number;
  statusCode: number;
  contentType: string;
  /** `version` undefined: every version of the function. */
  targets: { functionName: string; version?: string }[];
}

type Problems = Record<string, string[]>;

function integer(
  params: Record<string, string>,
  name: string,
  min: number,
  max: number,
  fallback: number | undefined,
  field: string,
  problems: Problems,
): number {
  const text = params[name];
  if (text === undefined) {
    if (fallback === undefined) problems[`${field}.${name}`] = ['is required'];
    return fallback ?? min;
  }
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    problems[`${field}.${name}`] = [`must be a whole number from ${min} to ${max}, as a string`];
  return value;
}

/** `name` or `name:version`, or a Lambda ARN with an optional version qualifier. */
function parseResource(resource: string): { functionName: string; version?: string } {
  const bare = resource.replace(/^arn:aws:lambda:[^:]*:[^:]*:function:/, '');
  const [functionName = '', version] = bare.split(':');
  return version ? { functionName, version } : { functionName };
}

/**
 * Reads an action's parameters as FIS documents them; every problem is named by field
 * (`actions.<name>.parameters.<parameter>`), so a bad experiment is one 400.
 */
export function readLambdaFault(
  name: string,
  action: FisExperimentAction & { actionId: FisLambdaActionId },
  targets: Record<string, Pick<FisExperimentTarget, 'resourceArns'>>,
  problems: Problems,
): LambdaFault {
  const field = `actions.${name}.parameters`;
  const params = action.parameters;
  let durationMs = 0;
  if (params.duration === undefined) problems[`${field}.duration`] = ['is required (ISO-8601, e.g. PT2M)'];
  else {
    const parsed = parseIsoDuration(params.duration);
    if ('error' in parsed) problems[`${field}.duration`] = [parsed.error];
    else if (parsed.ms > MAX_DURATION_MS) problems[`${field}.duration`] = ['must be at most PT12H'];
    else durationMs = parsed.ms;
  }
  const prevent = params.preventExecution ?? 'false';
  if (prevent !== 'true' && prevent !== 'false') problems[`${field}.preventExecution`] = ['must be "true" or "false"'];
  const isDelay = action.actionId === 'aws:lambda:invocation-add-delay';
  const isResponse = action.actionId === 'aws:lambda:invocation-http-integration-response';
  const fault: LambdaFault = {
    actionId: action.actionId,
    durationMs,
    invocationPercentage: integer(params, 'invocationPercentage', 0, 100, 100, field, problems),
    preventExecution: prevent === 'true',
    startupDelayMs: isDelay ? integer(params, 'startupDelayMilliseconds', 0, 900_000, undefined, field, problems) : 0,
    statusCode: isResponse ? integer(params, 'statusCode', 100, 599, undefined, field, problems) : 0,
    contentType: params.contentTypeHeader ?? 'application/json',
    targets: [],
  };
  const targetName = action.targets[FIS_LAMBDA_TARGET_KEY];
  const target = targetName === undefined ? undefined : targets[targetName];
  if (!target)
    problems[`actions.${name}.targets.${FIS_LAMBDA_TARGET_KEY}`] = ["must name an entry of the experiment's targets"];
  else fault.targets = target.resourceArns.map(parseResource);
  return fault;
}

export function faultHits(fault: LambdaFault, functionName: string, version: string): boolean {
  return fault.targets.some(
    (t) => t.functionName === functionName && (t.version === undefined || t.version === version),
  );
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Runs an invocation under the active faults, as the FIS Lambda extension does inside the
 * execution environment: delay first, then replace the response or fail the invocation,
 * each for its share of invocations.
 */
export async function invokeWithFaults(
  faults: readonly LambdaFault[],
  invoke: () => Promise<InvokeOutcome>,
  random: () => number = Math.random,
): Promise<InvokeOutcome> {
  const applies = faults.filter((fault) => random() * 100 < fault.invocationPercentage);
  for (const fault of applies) if (fault.startupDelayMs > 0) await pause(fault.startupDelayMs);
  const response = applies.find((fault) => fault.actionId === 'aws:lambda:invocation-http-integration-response');
  if (response)
    return {
      ok: true,
      result: {
        statusCode: response.statusCode,
        headers: { 'content-type': response.contentType },
        body: '',
      },
    };
  const error = applies.find((fault) => fault.actionId === 'aws:lambda:invocation-error');
  if (!error) return invoke();
  if (!error.preventExecution) await invoke();
  return {
    ok: false,
    errorType: 'FisInjectedError',
    errorMessage: 'aws:lambda:invocation-error injected by FIS',
  };
}
