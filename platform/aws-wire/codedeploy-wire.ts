import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  isFinalDeploymentStatus,
  type DeploymentInfo,
  type TrafficRoutingConfig,
} from '../../common/aws-shapes/codedeploy.ts';
import type { DeploymentController } from '../codedeploy/deployment-controller.ts';
import type { DeploymentGroup, DeploymentGroups } from '../codedeploy/deployment-groups.ts';
import { AwsWireError, epochSeconds, wireInput } from './wire-protocol.ts';
import type { JsonRpcService } from './wire-route.ts';

const invalid = (code: string, message: string): AwsWireError => new AwsWireError(400, code, message);

const trafficRoutingSchema = z.object({
  type: z.enum(['TimeBasedCanary', 'TimeBasedLinear', 'AllAtOnce']),
  timeBasedCanary: z.object({ canaryPercentage: z.number().int(), canaryInterval: z.number().int() }).optional(),
  timeBasedLinear: z.object({ linearPercentage: z.number().int(), linearInterval: z.number().int() }).optional(),
});

const autoRollbackSchema = z.object({
  enabled: z.boolean().default(false),
  events: z.array(z.enum(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'])).default([]),
});

const createDeploymentSchema = z.object({
  applicationName: z.string().min(1),
  deploymentGroupName: z.string().min(1),
  deploymentConfigName: z.string().min(1).optional(),
  description: z.string().optional(),
  revision: z.object({
    revisionType: z.literal('AppSpecContent', 'the local platform deploys Lambda AppSpec content only'),
    appSpecContent: z.object({ content: z.string().min(1), sha256: z.string().optional() }),
  }),
  autoRollbackConfiguration: autoRollbackSchema.optional(),
});

/** The one `AWS::Lambda::Function` resource of a Lambda AppSpec (YAML or JSON). */
const appSpecSchema = z.object({
  Resources: z
    .array(
      z.record(
        z.string(),
        z.object({
          Type: z.literal('AWS::Lambda::Function'),
          Properties: z.object({
            Name: z.string().min(1),
            Alias: z.string().min(1),
            CurrentVersion: z.coerce.string().regex(/^\d+$/),
            TargetVersion: z.coerce.string().regex(/^\d+$/),
          }),
        }),
      ),
    )
    .length(1, 'must hold exactly one AWS::Lambda::Function resource'),
});

function readAppSpec(content: string, sha256: string | undefined) {
  if (sha256 !== undefined && sha256 !== createHash('sha256').update(content).digest('hex'))
    throw invalid('InvalidRevisionException', 'The AppSpec content does not match its sha256');
  let parsed: unknown;
  try {
    parsed = parseYaml(content);
  } catch (error) {
    throw invalid('InvalidRevisionException', `The AppSpec content is not YAML or JSON: ${(error as Error).message}`);
  }
  const result = appSpecSchema.safeParse(parsed);
  if (!result.success)
    throw invalid(
      'InvalidRevisionException',
      `The AppSpec content is not a Lambda AppSpec: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const resource = Object.values(result.data.Resources[0] ?? {})[0];
  if (!resource) throw invalid('InvalidRevisionException', 'The AppSpec content names no function');
  return resource.Properties;
}

/** GetDeployment's `deploymentInfo` as CodeDeploy sends it: epoch-second times, no local extensions. */
function wireDeploymentInfo(info: DeploymentInfo) {
  const { targetInstances: _local, createTime, completeTime, ...rest } = info;
  return {
    ...rest,
    computePlatform: 'Lambda',
    creator: info.rollbackInfo?.rollbackTriggeringDeploymentId ? 'autoRollback' : 'user',
    createTime: epochSeconds(createTime),
    ...(completeTime ? { completeTime: epochSeconds(completeTime), startTime: epochSeconds(createTime) } : {}),
  };
}

const input = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> =>
  wireInput(schema, body, 'InvalidInputException');

/** The shortened sha256 CodeDeploy-style ids are made of, so the same name always gets the same id. */
const idOf = (name: string): string => createHash('sha256').update(name).digest('hex').slice(0, 36);

/** Name → record lookups, each failing with the error CodeDeploy names for a missing one. */
interface CodeDeployLookups {
  groupOf(applicationName: string, deploymentGroupName: string): DeploymentGroup;
  deploymentOf(id: unknown): DeploymentInfo;
  configOf(name: string): TrafficRoutingConfig;
}

function codeDeployLookups(deployments: DeploymentController, groups: DeploymentGroups): CodeDeployLookups {
  return {
    groupOf(applicationName, deploymentGroupName) {
      if (!groups.hasApplication(applicationName))
        throw invalid('ApplicationDoesNotExistException', `No application found for name: ${applicationName}`);
      const group = groups.group(applicationName, deploymentGroupName);
      if (!group)
        throw invalid(
          'DeploymentGroupDoesNotExistException',
          `No Deployment Group found for name: ${deploymentGroupName}`,
        );
      return group;
    },
    deploymentOf(id) {
      if (typeof id !== 'string' || id === '')
        throw invalid('DeploymentIdRequiredException', 'deploymentId is required');
      try {
        return deployments.get(id);
      } catch {
        throw invalid('DeploymentDoesNotExistException', `The deployment ${id} could not be found`);
      }
    },
    configOf(name) {
      const found = groups.config(name);
      if (!found)
        throw invalid('DeploymentConfigDoesNotExistException', `No deployment configuration found for name: ${name}`);
      return found.config;
    },
  };
}

/** The deployment group and deployment configuration operations. */
function configOperations(groups: DeploymentGroups, lookups: CodeDeployLookups): JsonRpcService['operations'] {
  return {
    GetDeploymentGroup(body) {
      const { applicationName, deploymentGroupName } = input(
        z.object({ applicationName: z.string().min(1), deploymentGroupName: z.string().min(1) }),
        body,
      );
      const group = lookups.groupOf(applicationName, deploymentGroupName);
      return {
        body: {
          deploymentGroupInfo: {
            ...group,
            deploymentGroupId: idOf(deploymentGroupName),
            computePlatform: 'Lambda',
            deploymentStyle: {
              deploymentType: 'BLUE_GREEN',
              deploymentOption: 'WITH_TRAFFIC_CONTROL',
            },
            alarmConfiguration: { ...group.alarmConfiguration, ignorePollAlarmFailure: false },
          },
        },
      };
    },
    GetDeploymentConfig(body) {
      const { deploymentConfigName } = input(z.object({ deploymentConfigName: z.string().min(1) }), body);
      const config = lookups.configOf(deploymentConfigName);
      const created = groups.config(deploymentConfigName)?.createTime;
      return {
        body: {
          deploymentConfigInfo: {
            deploymentConfigId: idOf(deploymentConfigName),
            deploymentConfigName,
            computePlatform: 'Lambda',
            trafficRoutingConfig: config,
            ...(created ? { createTime: epochSeconds(created) } : {}),
          },
        },
      };
    },
    CreateDeploymentConfig(body) {
      const request = input(
        z.object({
          deploymentConfigName: z.string().min(1).max(100),
          computePlatform: z.literal('Lambda', 'the local platform deploys Lambda only'),
          trafficRoutingConfig: trafficRoutingSchema,
        }),
        body,
      );
      if (!groups.createConfig(request.deploymentConfigName, request.trafficRoutingConfig, new Date()))
        throw invalid(
          'DeploymentConfigAlreadyExistsException',
          `A deployment configuration named ${request.deploymentConfigName} already exists`,
        );
      return { body: { deploymentConfigId: idOf(request.deploymentConfigName) } };
    },
  };
}

const listDeploymentsSchema = z.object({
  applicationName: z.string().optional(),
  deploymentGroupName: z.string().optional(),
  includeOnlyStatuses: z.array(z.string()).optional(),
});

/** ListDeployments: the ids of the deployments matching every filter given. */
function listDeployments(
  deployments: DeploymentController,
  groups: DeploymentGroups,
  lookups: CodeDeployLookups,
  request: z.output<typeof listDeploymentsSchema>,
): string[] {
  const { applicationName, deploymentGroupName, includeOnlyStatuses } = request;
  if (deploymentGroupName && !applicationName)
    throw invalid('ApplicationNameRequiredException', 'applicationName is required with deploymentGroupName');
  if (applicationName && deploymentGroupName) lookups.groupOf(applicationName, deploymentGroupName);
  else if (applicationName && !groups.hasApplication(applicationName))
    throw invalid('ApplicationDoesNotExistException', `No application found for name: ${applicationName}`);
  return deployments
    .list()
    .map((id) => deployments.get(id))
    .filter(
      (info) =>
        (!applicationName || info.applicationName === applicationName) &&
        (!deploymentGroupName || info.deploymentGroupName === deploymentGroupName) &&
        (!includeOnlyStatuses || includeOnlyStatuses.includes(info.status)),
    )
    .map((info) => info.deploymentId);
}

/** The deployment operations: create, read, stop and list. */
function deploymentOperations(
  deployments: DeploymentController,
  groups: DeploymentGroups,
  lookups: CodeDeployLookups,
): JsonRpcService['operations'] {
  return {
    CreateDeployment(body) {
      const request = input(createDeploymentSchema, body);
      const group = lookups.groupOf(request.applicationName, request.deploymentGroupName);
      const spec = readAppSpec(request.revision.appSpecContent.content, request.revision.appSpecContent.sha256);
      const deploymentConfigName = request.deploymentConfigName ?? group.deploymentConfigName;
      const created = deployments.create(
        {
          applicationName: request.applicationName,
          deploymentGroupName: request.deploymentGroupName,
          functionName: spec.Name,
          alias: spec.Alias,
          currentVersion: spec.CurrentVersion,
          targetVersion: spec.TargetVersion,
          deploymentConfigName,
          trafficRoutingConfig: lookups.configOf(deploymentConfigName),
          // As on CodeDeploy: the group's alarms, and its rollback unless the deployment overrides it.
          alarmConfiguration: group.alarmConfiguration,
          autoRollbackConfiguration: request.autoRollbackConfiguration ?? group.autoRollbackConfiguration,
        },
        new Date(),
      );
      return { body: { deploymentId: created.deploymentId } };
    },
    GetDeployment(body) {
      return {
        body: { deploymentInfo: wireDeploymentInfo(lookups.deploymentOf(body.deploymentId)) },
      };
    },
    StopDeployment(body) {
      const request = input(
        z.object({ deploymentId: z.string().min(1), autoRollbackEnabled: z.boolean().optional() }),
        body,
      );
      const info = lookups.deploymentOf(request.deploymentId);
      if (isFinalDeploymentStatus(info.status))
        throw invalid(
          'DeploymentAlreadyCompletedException',
          `The deployment ${info.deploymentId} has already completed`,
        );
      return {
        body: deployments.stop(request.deploymentId, request.autoRollbackEnabled, new Date()),
      };
    },
    ListDeployments(body) {
      const request = input(listDeploymentsSchema, body);
      return { body: { deployments: listDeployments(deployments, groups, lookups, request) } };
    },
  };
}

/** CodeDeploy (JSON 1.1, `CodeDeploy_20141006.*`): Lambda deployments in the seeded deployment group. */
export function codeDeployWire(deployments: DeploymentController, groups: DeploymentGroups): JsonRpcService {
  const lookups = codeDeployLookups(deployments, groups);
  return {
    targetPrefix: 'CodeDeploy_20141006',
    names: {
      400: { statusCode: 400, code: 'InvalidRevisionException' },
      404: { statusCode: 400, code: 'InvalidRevisionException' },
      409: { statusCode: 400, code: 'DeploymentLimitExceededException' },
    },
    operations: {
      ...configOperations(groups, lookups),
      ...deploymentOperations(deployments, groups, lookups),
    },
  };
}
