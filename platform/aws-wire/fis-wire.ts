import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { FIS_LAMBDA_ACTIONS, FIS_SERVICE_ACTION_IDS, type FisExperiment } from '../../common/aws-shapes/fis.ts';
import { pathParameter } from '../control/path-parameter.ts';
import type { ExperimentTemplate, ExperimentTemplates } from '../fis/experiment-templates.ts';
import type { Experiments } from '../fis/experiments.ts';
import { readJsonBody } from '../http/request-body.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../local-aws-account.ts';
import { AwsWireError, epochSeconds, wireHandler, wireInput, type ErrorNames } from './wire-protocol.ts';
import type { WireRoute } from './wire-route.ts';

const NAMES: ErrorNames = {
  400: { statusCode: 400, code: 'ValidationException' },
  404: { statusCode: 404, code: 'ResourceNotFoundException' },
  409: { statusCode: 409, code: 'ConflictException' },
};

const KNOWN_ACTIONS: readonly string[] = [...FIS_LAMBDA_ACTIONS, ...FIS_SERVICE_ACTION_IDS];

const arnOf = (kind: 'experiment' | 'experiment-template', id: string): string =>
  `arn:aws:fis:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${kind}/${id}`;

const tagsSchema = z.record(z.string().min(1).max(128), z.string().max(256));

const actionSchema = z.object({
  actionId: z.string().refine((id) => KNOWN_ACTIONS.includes(id), {
    message: `must be one of ${KNOWN_ACTIONS.join(', ')}`,
  }),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.string()).default({}),
  targets: z.record(z.string(), z.string()).default({}),
  startAfter: z.array(z.string()).optional(),
});

const targetSchema = z.object({
  resourceType: z.string().min(1),
  resourceArns: z.array(z.string().min(1)).min(1, 'the local platform resolves targets by resourceArns only'),
  selectionMode: z.string().regex(/^(ALL|COUNT\(\d+\)|PERCENT\(\d+\))$/, 'must be ALL, COUNT(n) or PERCENT(n)'),
  resourceTags: z.undefined('the local platform resolves targets by resourceArns only').optional(),
  filters: z.undefined('the local platform resolves targets by resourceArns only').optional(),
  parameters: z.record(z.string(), z.string()).optional(),
});

const stopConditionSchema = z.object({
  source: z.enum(['aws:cloudwatch:alarm', 'none']),
  value: z.string().optional(),
});

const createSchema = z.object({
  clientToken: z.string().optional(),
  description: z.string().max(512),
  roleArn: z.string().min(1),
  actions: z.record(z.string().min(1), actionSchema),
  targets: z.record(z.string().min(1), targetSchema).default({}),
  stopConditions: z.array(stopConditionSchema).min(1),
  tags: tagsSchema.default({}),
  logConfiguration: z.unknown().optional(),
  experimentOptions: z.record(z.string(), z.string()).optional(),
});

const updateSchema = createSchema
  .omit({ clientToken: true, tags: true })
  .partial()
  .extend({ targets: z.record(z.string().min(1), targetSchema).optional() });

const startSchema = z.object({
  clientToken: z.string().optional(),
  experimentTemplateId: z.string().min(1),
  tags: tagsSchema.default({}),
  experimentOptions: z.object({ actionsMode: z.enum(['run-all', 'skip-all']).optional() }).optional(),
});

const body = (event: APIGatewayProxyEventV2): unknown => (event.body ? readJsonBody(event) : {});
const input = <S extends z.ZodType>(schema: S, event: APIGatewayProxyEventV2): z.output<S> =>
  wireInput(schema, body(event), 'ValidationException');

/** What an experiment's targets and actions keep of a target: the fields the emulation resolves. */
const resolvable = (targets: ExperimentTemplate['targets']): ExperimentTemplate['targets'] =>
  Object.fromEntries(
    Object.entries(targets).map(([name, target]) => [
      name,
      {
        resourceType: target.resourceType,
        resourceArns: [...target.resourceArns],
        selectionMode: target.selectionMode,
      },
    ]),
  );

function wireTemplate(template: ExperimentTemplate) {
  return {
    ...template,
    arn: arnOf('experiment-template', template.id),
    creationTime: epochSeconds(template.creationTime),
    lastUpdateTime: epochSeconds(template.lastUpdateTime),
  };
}

/** The role of an experiment's template, when the template still exists. */
function roleOf(templates: ExperimentTemplates, templateId: string | undefined): string | undefined {
  if (!templateId) return undefined;
  try {
    return templates.get(templateId).roleArn;
  } catch {
    return undefined; // deleted since: the experiment still reads back
  }
}

/** An experiment as FIS sends it: ARNs, epoch-second times, the options FIS fills in. */
function wireExperiment(experiment: FisExperiment, templates: ExperimentTemplates) {
  return {
    ...experiment,
    arn: arnOf('experiment', experiment.id),
    roleArn: roleOf(templates, experiment.experimentTemplateId),
    tags: experiment.tags ?? {},
    experimentOptions: {
      accountTargeting: 'single-account',
      emptyTargetResolutionMode: 'fail',
      actionsMode: experiment.experimentOptions?.actionsMode ?? 'run-all',
    },
    actions: Object.fromEntries(
      Object.entries(experiment.actions).map(([name, action]) => [
        name,
        {
          ...action,
          startTime: epochSeconds(action.startTime),
          endTime: epochSeconds(action.endTime),
        },
      ]),
    ),
    creationTime: epochSeconds(experiment.creationTime),
    startTime: epochSeconds(experiment.startTime),
    endTime: epochSeconds(experiment.endTime),
  };
}

/** A resource of TagResource / ListTagsForResource by its ARN. */
function taggedResource(experiments: Experiments, templates: ExperimentTemplates, event: APIGatewayProxyEventV2) {
  const arn = pathParameter(event, 'resourceArn');
  const match = /^arn:aws:fis:[^:]*:[^:]*:(experiment|experiment-template)\/(.+)$/.exec(arn);
  if (!match?.[2])
    throw new AwsWireError(400, 'ValidationException', `${arn} is not the ARN of an experiment or experiment template`);
  const id = match[2];
  return match[1] === 'experiment'
    ? {
        tags: () => experiments.get(id).tags ?? {},
        add: (tags: Record<string, string>) => experiments.tag(id, tags),
      }
    : {
        tags: () => templates.get(id).tags,
        add: (tags: Record<string, string>) => templates.tag(id, tags),
      };
}

const route = (routeKey: string, answer: Parameters<typeof wireHandler>[2]): WireRoute => ({
  routeKey,
  handler: wireHandler('rest-json', NAMES, answer),
});

/** CreateExperimentTemplate, ListExperimentTemplates, Get-, Update- and DeleteExperimentTemplate. */
function templateRoutes(templates: ExperimentTemplates): WireRoute[] {
  return [
    route('POST /experimentTemplates', (event) => {
      const { clientToken: _token, ...content } = input(createSchema, event);
      return { body: { experimentTemplate: wireTemplate(templates.create(content, new Date())) } };
    }),
    route('GET /experimentTemplates', () => ({
      body: {
        experimentTemplates: templates.list().map((template) => ({
          id: template.id,
          arn: arnOf('experiment-template', template.id),
          description: template.description,
          creationTime: epochSeconds(template.creationTime),
          lastUpdateTime: epochSeconds(template.lastUpdateTime),
          tags: template.tags,
        })),
      },
    })),
    route('GET /experimentTemplates/{id}', (event) => ({
      body: { experimentTemplate: wireTemplate(templates.get(pathParameter(event, 'id'))) },
    })),
    route('PATCH /experimentTemplates/{id}', (event) => ({
      body: {
        experimentTemplate: wireTemplate(
          templates.update(pathParameter(event, 'id'), input(updateSchema, event), new Date()),
        ),
      },
    })),
    route('DELETE /experimentTemplates/{id}', (event) => ({
      body: { experimentTemplate: wireTemplate(templates.delete(pathParameter(event, 'id'))) },
    })),
  ];
}

/** StartExperiment: the template's actions and targets, the request's options and tags. */
function startExperiment(experiments: Experiments, templates: ExperimentTemplates, event: APIGatewayProxyEventV2) {
  const request = input(startSchema, event);
  const template = templates.get(request.experimentTemplateId);
  const experimentOptions = request.experimentOptions ?? template.experimentOptions;
  const started = experiments.start(
    {
      experimentTemplateId: template.id,
      description: template.description,
      actions: template.actions,
      targets: resolvable(template.targets),
      stopConditions: template.stopConditions,
      ...(experimentOptions?.actionsMode
        ? {
            experimentOptions: {
              actionsMode: experimentOptions.actionsMode as 'run-all' | 'skip-all',
            },
          }
        : {}),
      tags: request.tags,
    },
    new Date(),
  );
  return { body: { experiment: wireExperiment(started, templates) } };
}

/** StartExperiment, ListExperiments (newest first), GetExperiment and StopExperiment. */
function experimentRoutes(experiments: Experiments, templates: ExperimentTemplates): WireRoute[] {
  return [
    route('POST /experiments', (event) => startExperiment(experiments, templates, event)),
    route('GET /experiments', (event) => {
      const templateId = event.queryStringParameters?.experimentTemplateId;
      const found = experiments
        .list()
        .filter((experiment) => !templateId || experiment.experimentTemplateId === templateId);
      return {
        body: {
          experiments: found.reverse().map((experiment) => {
            const { id, arn, experimentTemplateId, state, creationTime, tags, experimentOptions } = wireExperiment(
              experiment,
              templates,
            );
            return { id, arn, experimentTemplateId, state, creationTime, tags, experimentOptions };
          }),
        },
      };
    }),
    route('GET /experiments/{id}', (event) => ({
      body: { experiment: wireExperiment(experiments.get(pathParameter(event, 'id')), templates) },
    })),
    route('DELETE /experiments/{id}', (event) => ({
      body: {
        experiment: wireExperiment(experiments.stop(pathParameter(event, 'id'), new Date()), templates),
      },
    })),
  ];
}

/** FIS (REST-JSON): experiment templates, experiments from them, their states and tags. */
export function fisWire(experiments: Experiments, templates: ExperimentTemplates): WireRoute[] {
  return [
    ...templateRoutes(templates),
    ...experimentRoutes(experiments, templates),
    route('GET /tags/{resourceArn}', (event) => ({
      body: { tags: taggedResource(experiments, templates, event).tags() },
    })),
    route('POST /tags/{resourceArn}', (event) => {
      const { tags } = input(z.object({ tags: tagsSchema }), event);
      taggedResource(experiments, templates, event).add(tags);
      return { body: {} };
    }),
  ];
}
