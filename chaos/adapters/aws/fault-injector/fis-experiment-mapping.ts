import type { Experiment, ExperimentSummary } from '@aws-sdk/client-fis';
import {
  FIS_LAMBDA_ACTIONS,
  FIS_LAMBDA_TARGET_TYPE,
  type FisExperiment,
  type FisExperimentState,
  type FisExperimentTarget,
  type FisLambdaActionId,
  type FisStopCondition,
} from '../../../../common/aws-shapes/fis.ts';

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

function isLambdaAction(id: string | undefined): id is FisLambdaActionId {
  return (FIS_LAMBDA_ACTIONS as readonly string[]).includes(id ?? '');
}

/**
 * `state` as FIS sends it. The 3.523.0 client types only `status` and `reason`, but passes the
 * object through untouched, so `error` (newer API: `code`, `location`, `accountId`) and states
 * it does not know (`cancelled`) arrive here and are kept as strings.
 */
export function experimentState(raw: unknown): FisExperimentState {
  const state = (raw ?? {}) as { status?: unknown; reason?: unknown; error?: unknown };
  const out: FisExperimentState = {
    status: typeof state.status === 'string' ? state.status : 'unknown',
  };
  if (typeof state.reason === 'string') out.reason = state.reason;
  if (state.error !== null && typeof state.error === 'object') {
    const error = state.error as Record<string, unknown>;
    out.error = {};
    for (const key of ['accountId', 'location', 'code'] as const) {
      if (typeof error[key] === 'string') out.error[key] = error[key];
    }
  }
  return out;
}

function targets(raw: Experiment['targets']): Record<string, FisExperimentTarget> {
  const out: Record<string, FisExperimentTarget> = {};
  for (const [name, target] of Object.entries(raw ?? {})) {
    if (target.resourceType !== FIS_LAMBDA_TARGET_TYPE) continue;
    out[name] = {
      resourceType: FIS_LAMBDA_TARGET_TYPE,
      resourceArns: target.resourceArns ?? [],
      selectionMode: (target.selectionMode ?? 'ALL') as FisExperimentTarget['selectionMode'],
    };
  }
  return out;
}

function stopConditions(raw: Experiment['stopConditions']): FisStopCondition[] {
  return (raw ?? []).map((condition) =>
    condition.source === 'aws:cloudwatch:alarm'
      ? { source: 'aws:cloudwatch:alarm', value: condition.value }
      : { source: 'none' },
  );
}

/**
 * GetExperiment's `experiment` in the harness's FIS shape. Actions outside the Lambda
 * vocabulary (an experiment someone else built) are left out: a drill never judges them.
 */
export function toFisExperiment(raw: Experiment): FisExperiment {
  const actions: FisExperiment['actions'] = {};
  for (const [name, action] of Object.entries(raw.actions ?? {})) {
    if (!isLambdaAction(action.actionId)) continue;
    actions[name] = {
      actionId: action.actionId,
      description: action.description,
      parameters: action.parameters ?? {},
      targets: action.targets ?? {},
      startAfter: action.startAfter,
      state: action.state ? { status: String(action.state.status), reason: action.state.reason } : undefined,
      startTime: iso(action.startTime),
      endTime: iso(action.endTime),
    };
  }
  return {
    id: raw.id ?? '',
    experimentTemplateId: raw.experimentTemplateId,
    state: experimentState(raw.state),
    actions,
    targets: targets(raw.targets),
    stopConditions: stopConditions(raw.stopConditions),
    tags: raw.tags,
    creationTime: iso(raw.creationTime) ?? new Date(0).toISOString(),
    startTime: iso(raw.startTime),
    endTime: iso(raw.endTime),
  };
}

/** ListExperiments' summaries carry no actions or targets: enough for "is anything running". */
export function summaryToFisExperiment(raw: ExperimentSummary): FisExperiment {
  return {
    id: raw.id ?? '',
    experimentTemplateId: raw.experimentTemplateId,
    state: experimentState(raw.state),
    actions: {},
    targets: {},
    stopConditions: [],
    tags: raw.tags,
    creationTime: iso(raw.creationTime) ?? new Date(0).toISOString(),
  };
}
