import { createHash } from 'node:crypto';
import type { CreateExperimentTemplateCommandInput } from '@aws-sdk/client-fis';
import type { FisExperimentDefinition } from '../../../../common/aws-shapes/fis.ts';

/** Where FIS writes its experiment log; both destinations are optional, schema version 2. */
export interface FisLogConfiguration {
  cloudWatchLogGroupArn?: string;
  s3BucketName?: string;
  s3Prefix?: string;
}

/** What turns a drill's experiment definition into an AWS experiment template. */
export interface FisTemplateSettings {
  /** The IAM role FIS assumes to inject the faults (policy: iam-policy.ts). */
  roleArn: string;
  logConfiguration?: FisLogConfiguration;
  /** A drill names functions (`name` or `name:version`) and alarms by name; FIS wants ARNs. */
  functionArn(nameOrArn: string): string;
  alarmArn(nameOrArn: string): string;
}

/** Tags the harness puts on what it creates, so it can find its templates and experiments again. */
export const HARNESS_TAG = 'hasivu:harness';
export const DRILL_TAG = 'hasivu:drill';
export const DIGEST_TAG = 'hasivu:template-digest';

export type ExperimentTemplateRequest = CreateExperimentTemplateCommandInput & {
  experimentOptions?: {
    accountTargeting?: 'single-account' | 'multi-account';
    emptyTargetResolutionMode?: 'fail' | 'skip';
  };
};

const isArn = (value: string): boolean => value.startsWith('arn:');

function logConfiguration(config: FisLogConfiguration | undefined): ExperimentTemplateRequest['logConfiguration'] {
  if (!config?.cloudWatchLogGroupArn && !config?.s3BucketName) return undefined;
  return {
    logSchemaVersion: 2,
    ...(config.cloudWatchLogGroupArn
      ? // FIS requires the `:*` suffix on a log group ARN.
        {
          cloudWatchLogsConfiguration: {
            logGroupArn: config.cloudWatchLogGroupArn.replace(/(:\*)?$/, ':*'),
          },
        }
      : {}),
    ...(config.s3BucketName
      ? {
          s3Configuration: {
            bucketName: config.s3BucketName,
            ...(config.s3Prefix ? { prefix: config.s3Prefix } : {}),
          },
        }
      : {}),
  };
}

/**
 * The `CreateExperimentTemplate` request for one drill's experiment, without the client
 * token. Deterministic: the same drill and settings give the same JSON, so its digest
 * identifies a template the harness created before and can reuse.
 */
export function experimentTemplateRequest(
  drill: string,
  definition: FisExperimentDefinition,
  settings: FisTemplateSettings,
): ExperimentTemplateRequest {
  const targets: NonNullable<ExperimentTemplateRequest['targets']> = {};
  for (const [name, target] of Object.entries(definition.targets)) {
    targets[name] = {
      resourceType: target.resourceType,
      resourceArns: target.resourceArns.map((r) => (isArn(r) ? r : settings.functionArn(r))),
      selectionMode: target.selectionMode,
    };
  }
  const actions: NonNullable<ExperimentTemplateRequest['actions']> = {};
  for (const [name, action] of Object.entries(definition.actions)) {
    actions[name] = {
      actionId: action.actionId,
      ...(action.description ? { description: action.description } : {}),
      parameters: { ...action.parameters },
      targets: { ...action.targets },
      ...(action.startAfter?.length ? { startAfter: [...action.startAfter] } : {}),
    };
  }
  const stopConditions = definition.stopConditions.length
    ? definition.stopConditions.map((condition) =>
        condition.source === 'aws:cloudwatch:alarm' && condition.value
          ? {
              source: condition.source,
              value: isArn(condition.value) ? condition.value : settings.alarmArn(condition.value),
            }
          : { source: 'none' },
      )
    : [{ source: 'none' }];
  const request: ExperimentTemplateRequest = {
    description: (definition.description ?? `hasivu-verify drill ${drill}`).slice(0, 512),
    roleArn: settings.roleArn,
    targets,
    actions,
    stopConditions,
    experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'fail' },
    tags: { ...definition.tags, [HARNESS_TAG]: 'true', [DRILL_TAG]: drill },
  };
  const logs = logConfiguration(settings.logConfiguration);
  if (logs) request.logConfiguration = logs;
  request.tags = { ...request.tags, [DIGEST_TAG]: templateDigest(request) };
  return request;
}

/** A short digest of everything but the tags: changes whenever the template's behaviour would. */
export function templateDigest(request: ExperimentTemplateRequest): string {
  const { tags: _tags, clientToken: _token, ...content } = request;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}
