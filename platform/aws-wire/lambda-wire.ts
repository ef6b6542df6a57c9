import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import type { LambdaFunctionVersion } from '../../common/aws-shapes/lambda.ts';
import { environmentProblem } from '../control/lambda-control.ts';
import { pathParameter } from '../control/path-parameter.ts';
import { readJsonBody, validate } from '../http/request-body.ts';
import type { FunctionRegistry } from '../lambda/function-registry.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION, lambdaFunctionArn } from '../local-aws-account.ts';
import { AwsWireError, wireHandler, type ErrorNames } from './wire-protocol.ts';
import type { WireRoute } from './wire-route.ts';

const NAMES: ErrorNames = {
  400: { statusCode: 400, code: 'InvalidParameterValueException' },
  404: { statusCode: 404, code: 'ResourceNotFoundException' },
  409: { statusCode: 409, code: 'ResourceConflictException' },
};

const PREFIX = '/2015-03-31/functions/{name}';
const LATEST = '$LATEST';

/**
 * The platform injects FIS faults itself, where the FIS Lambda extension would run on AWS, so
 * every function reports the extension as installed: the layer and the two variables.
 */
const FIS_EXTENSION = {
  layer: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:layer:aws-fis-extension-x86_64:1`,
  variables: {
    AWS_LAMBDA_EXEC_WRAPPER: '/opt/aws-fis/bootstrap',
    AWS_FIS_CONFIGURATION_LOCATION: `arn:aws:s3:::hasivu-local-fis/FisConfigs/`,
  },
};

/** The local code never changes, so each function has one CodeSha256 for all its versions. */
const codeSha256 = (functionName: string): string =>
  createHash('sha256').update(`hasivu-platform:${functionName}`).digest('base64');

/** `name`, `name:qualifier`, or a (qualified) function ARN, as every Lambda operation accepts. */
function functionRef(event: APIGatewayProxyEventV2): { name: string; qualifier?: string } {
  const bare = pathParameter(event, 'name').replace(/^arn:aws:lambda:[^:]*:[^:]*:function:/, '');
  const [name = '', qualifier] = bare.split(':');
  const fromQuery = event.queryStringParameters?.Qualifier;
  const chosen = fromQuery ?? qualifier;
  return chosen ? { name, qualifier: chosen } : { name };
}

/** Lambda's timestamp format (`2026-12-07T00:10:21.000+0000`). */
const lambdaTime = (iso: string): string => iso.replace(/Z$/, '+0000');

const environmentSchema = z.object({
  Variables: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a valid variable name'), z.string()),
});

const updateConfigurationSchema = z.strictObject({
  Description: z.string().max(256).optional(),
  Environment: z.object({ Variables: environmentSchema.shape.Variables.optional() }).optional(),
  RevisionId: z.string().optional(),
});

const publishSchema = z.object({
  CodeSha256: z.string().optional(),
  Description: z.string().max(256).optional(),
  RevisionId: z.string().optional(),
});

const aliasSchema = z.object({
  FunctionVersion: z.string().optional(),
  Description: z.string().optional(),
  RoutingConfig: z.object({ AdditionalVersionWeights: z.record(z.string(), z.number()).optional() }).optional(),
  RevisionId: z.string().optional(),
});

const bodyOf = (event: APIGatewayProxyEventV2): unknown => (event.body ? readJsonBody(event) : {});

/** GetFunctionConfiguration's answer for `$LATEST` (no qualifier), a version, or an alias's version. */
function functionConfiguration(registry: FunctionRegistry, name: string, qualifier: string | undefined) {
  const latest = registry.latest(name); // 404 for an unknown function
  let version: LambdaFunctionVersion | undefined;
  if (qualifier !== undefined && qualifier !== LATEST) {
    // A qualifier is a version number or an alias, which serves its FunctionVersion.
    const number = /^\d+$/.test(qualifier) ? qualifier : registry.alias(name, qualifier).FunctionVersion;
    version = registry.version(name, number);
    if (!version)
      throw new AwsWireError(
        404,
        'ResourceNotFoundException',
        `Function not found: ${lambdaFunctionArn(name, qualifier)}`,
      );
  }
  const variables = version ? (version.Environment?.Variables ?? {}) : latest.Environment.Variables;
  return {
    FunctionName: name,
    FunctionArn: lambdaFunctionArn(name, qualifier),
    Runtime: 'nodejs22.x',
    Role: `arn:aws:iam::${LOCAL_ACCOUNT}:role/hasivu-local-lambda`,
    Handler: `${name}.handler`,
    CodeSize: 0,
    Description: version ? (version.Description ?? '') : latest.Description,
    Timeout: 10,
    MemorySize: 1024,
    LastModified: lambdaTime(latest.LastModified),
    CodeSha256: codeSha256(name),
    Version: version?.Version ?? LATEST,
    Environment: { Variables: { ...FIS_EXTENSION.variables, ...variables } },
    Layers: [{ Arn: FIS_EXTENSION.layer, CodeSize: 0 }],
    State: 'Active',
    LastUpdateStatus: 'Successful',
    RevisionId: version ? `version-${version.Version}` : `latest-${latest.revision}`,
    PackageType: 'Zip',
    Architectures: ['x86_64'],
  };
}

/** Lambda's optimistic lock: a change naming a RevisionId applies only to that revision. */
function checkRevision(given: string | undefined, current: string, what: string): void {
  if (given !== undefined && given !== current)
    throw new AwsWireError(
      412,
      'PreconditionFailedException',
      `The Revision Id provided does not match the latest Revision Id of ${what}. Call GetFunction/GetAlias to get the latest Revision Id`,
    );
}

const restJson = (answer: Parameters<typeof wireHandler>[2]) => wireHandler('rest-json', NAMES, answer);

/** GetAlias and UpdateAlias. */
function aliasRoutes(registry: FunctionRegistry): WireRoute[] {
  return [
    {
      routeKey: `GET ${PREFIX}/aliases/{alias}`,
      handler: restJson((event) => {
        const { name } = functionRef(event);
        return { body: registry.alias(name, pathParameter(event, 'alias')) };
      }),
    },
    {
      routeKey: `PUT ${PREFIX}/aliases/{alias}`,
      handler: restJson((event) => {
        const { name } = functionRef(event);
        const alias = pathParameter(event, 'alias');
        const current = registry.alias(name, alias);
        const input = validate(aliasSchema, bodyOf(event));
        checkRevision(input.RevisionId, current.RevisionId ?? '', `alias ${alias}`);
        return {
          body: registry.updateAlias(name, alias, {
            FunctionVersion: input.FunctionVersion ?? current.FunctionVersion,
            RoutingConfig: input.RoutingConfig ?? current.RoutingConfig,
          }),
        };
      }),
    },
  ];
}

/** PublishVersion and ListVersionsByFunction. */
function versionRoutes(registry: FunctionRegistry): WireRoute[] {
  return [
    {
      routeKey: `POST ${PREFIX}/versions`,
      handler: restJson((event) => {
        const { name } = functionRef(event);
        const latest = registry.latest(name);
        const input = validate(publishSchema, bodyOf(event));
        if (input.CodeSha256 !== undefined && input.CodeSha256 !== codeSha256(name))
          throw new AwsWireError(
            400,
            'InvalidParameterValueException',
            `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${codeSha256(name)}). Please try again.`,
          );
        checkRevision(input.RevisionId, `latest-${latest.revision}`, `function ${name}`);
        const published = registry.publishLatest(name, input.Description);
        return { statusCode: 201, body: functionConfiguration(registry, name, published.Version) };
      }),
    },
    {
      routeKey: `GET ${PREFIX}/versions`,
      handler: restJson((event) => {
        const { name } = functionRef(event);
        const versions = registry
          .versions(name)
          .map((version) => functionConfiguration(registry, name, version.Version));
        return {
          body: { Versions: [functionConfiguration(registry, name, undefined), ...versions] },
        };
      }),
    },
  ];
}

/** UpdateFunctionConfiguration: Description and Environment only, what the drills change. */
function updateConfiguration(registry: FunctionRegistry, event: APIGatewayProxyEventV2) {
  const { name } = functionRef(event);
  const latest = registry.latest(name);
  const body = bodyOf(event);
  const unsupported = Object.keys(body as object).filter((key) => !(key in updateConfigurationSchema.shape));
  if (unsupported.length > 0)
    throw new AwsWireError(
      400,
      'InvalidParameterValueException',
      `The local platform changes only Description and Environment of a function, not ${unsupported.join(', ')}`,
    );
  const input = validate(updateConfigurationSchema, body);
  checkRevision(input.RevisionId, `latest-${latest.revision}`, `function ${name}`);
  const variables = input.Environment ? (input.Environment.Variables ?? {}) : undefined;
  const problem = variables ? environmentProblem(variables) : undefined;
  if (problem) throw new AwsWireError(400, 'InvalidParameterValueException', `Environment.Variables: ${problem}`);
  registry.updateLatest(name, {
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    ...(variables ? { Environment: { Variables: variables } } : {}),
  });
  return { body: functionConfiguration(registry, name, undefined) };
}

/** Lambda (REST-JSON): the alias, version and configuration operations the harness calls. */
export function lambdaWire(registry: FunctionRegistry): WireRoute[] {
  return [
    ...aliasRoutes(registry),
    ...versionRoutes(registry),
    {
      routeKey: `GET ${PREFIX}/configuration`,
      handler: restJson((event) => {
        const { name, qualifier } = functionRef(event);
        return { body: functionConfiguration(registry, name, qualifier) };
      }),
    },
    {
      routeKey: `PUT ${PREFIX}/configuration`,
      handler: restJson((event) => updateConfiguration(registry, event)),
    },
  ];
}
