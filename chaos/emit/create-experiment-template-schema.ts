import { z } from 'zod';

/**
 * The body of FIS `CreateExperimentTemplate` (API version 2020-12-01), written from the API
 * reference: field names, required fields, length limits and patterns. Used to validate what
 * `--emit fis-template` writes before anyone feeds it to `aws fis create-experiment-template`.
 */
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;
const arn = z.string().max(2048).regex(ARN, 'must be an ARN');
const key = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\S]+$/, 'must contain no whitespace');

export const ExperimentTemplateTargetInputSchema = z
  .object({
    resourceType: z.string().min(1).max(128),
    resourceArns: z.array(arn).min(1).max(5).optional(),
    resourceTags: z.record(z.string().max(128), z.string().max(256)).optional(),
    filters: z.array(z.object({ path: z.string().max(256), values: z.array(z.string().max(128)) }).strict()).optional(),
    selectionMode: z
      .string()
      .max(64)
      .regex(/^(ALL|COUNT\(\d+\)|PERCENT\(\d+\))$/, 'must be ALL, COUNT(n) or PERCENT(n)'),
    parameters: z.record(z.string().max(64), z.string().max(1024)).optional(),
  })
  .strict()
  .refine(
    (t) => t.resourceArns !== undefined || t.resourceTags !== undefined,
    'a target needs resourceArns or resourceTags',
  );

export const ExperimentTemplateActionInputSchema = z
  .object({
    actionId: z
      .string()
      .min(1)
      .max(128)
      .regex(/^aws:[a-z0-9-]+:[a-z0-9-]+$/, 'must be a FIS action id like aws:lambda:invocation-error'),
    description: z.string().max(512).optional(),
    parameters: z.record(z.string().max(64), z.string().max(1024)).optional(),
    targets: z.record(z.string().max(64), z.string().max(64)).optional(),
    startAfter: z.array(z.string().max(64)).optional(),
  })
  .strict();

export const CreateExperimentTemplateRequestSchema = z
  .object({
    clientToken: z.string().max(1024).optional(),
    description: z.string().min(1).max(512),
    stopConditions: z
      .array(
        z
          .object({
            source: z
              .string()
              .max(64)
              .regex(/^(none|aws:cloudwatch:alarm)$/),
            value: arn.optional(),
          })
          .strict()
          .refine(
            (c) => (c.source === 'none') === (c.value === undefined),
            'an alarm stop condition needs the alarm ARN as value; none has no value',
          ),
      )
      .min(1),
    targets: z.record(key, ExperimentTemplateTargetInputSchema).optional(),
    actions: z
      .record(key, ExperimentTemplateActionInputSchema)
      .refine((a) => Object.keys(a).length > 0, 'at least one action'),
    roleArn: z
      .string()
      .max(1224)
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'must be an IAM role ARN'),
    tags: z
      .record(z.string().min(1).max(128), z.string().max(256))
      .refine((t) => Object.keys(t).length <= 50, 'at most 50 tags')
      .optional(),
    logConfiguration: z
      .object({
        cloudWatchLogsConfiguration: z.object({ logGroupArn: arn }).strict().optional(),
        s3Configuration: z
          .object({
            bucketName: z.string().min(3).max(63),
            prefix: z.string().max(1024).optional(),
          })
          .strict()
          .optional(),
        logSchemaVersion: z.number().int().min(1),
      })
      .strict()
      .optional(),
    experimentOptions: z
      .object({
        accountTargeting: z.enum(['single-account', 'multi-account']).optional(),
        emptyTargetResolutionMode: z.enum(['fail', 'skip']).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((request, context) => {
    const targetNames = new Set(Object.keys(request.targets ?? {}));
    const actionNames = new Set(Object.keys(request.actions));
    for (const [name, action] of Object.entries(request.actions)) {
      for (const [targetKey, targetName] of Object.entries(action.targets ?? {})) {
        if (!targetNames.has(targetName)) {
          context.addIssue({
            code: 'custom',
            path: ['actions', name, 'targets', targetKey],
            message: `names no target "${targetName}"`,
          });
        }
      }
      for (const after of action.startAfter ?? []) {
        if (!actionNames.has(after))
          context.addIssue({
            code: 'custom',
            path: ['actions', name, 'startAfter'],
            message: `names no action "${after}"`,
          });
      }
      // Every aws:lambda:* action runs for an ISO-8601 duration and targets `Functions`.
      if (action.actionId.startsWith('aws:lambda:')) {
        if (!/^PT(\d+H)?(\d+M)?(\d+S)?$/.test(action.parameters?.duration ?? '')) {
          context.addIssue({
            code: 'custom',
            path: ['actions', name, 'parameters', 'duration'],
            message: 'a Lambda action needs an ISO-8601 duration such as PT2M',
          });
        }
        if (!action.targets?.Functions) {
          context.addIssue({
            code: 'custom',
            path: ['actions', name, 'targets'],
            message: 'a Lambda action targets the key Functions',
          });
        }
      }
    }
  });

export type CreateExperimentTemplateRequest = z.infer<typeof CreateExperimentTemplateRequestSchema>;
