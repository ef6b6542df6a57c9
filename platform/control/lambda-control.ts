import { z } from 'zod';
import { CONTROL_ROUTES } from '../../common/aws-shapes/control-api.ts';
import { loadPlatformConfig } from '../config.ts';
import { validationFailed } from '../http/api-error.ts';
import { parseJsonBody } from '../http/request-body.ts';
import type { FunctionRegistry } from '../lambda/function-registry.ts';
import { jsonRoute, type ControlModule } from './control-module.ts';
import { pathParameter } from './path-parameter.ts';

const releaseBehaviourSchema = z.strictObject({
  errorRate: z.number().min(0).max(1).optional(),
  addedLatencyMs: z.number().int().min(0).max(60_000).optional(),
  statusCode: z.number().int().min(100).max(599).optional(),
});

const publishSchema = z.strictObject({
  Description: z.string().max(256).optional(),
  ReleaseBehaviour: releaseBehaviourSchema.optional(),
  Environment: z
    .strictObject({ Variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()) })
    .optional(),
});

const aliasSchema = z.strictObject({
  FunctionVersion: z.string().regex(/^\d+$/, 'must be a published version number'),
  RoutingConfig: z.strictObject({ AdditionalVersionWeights: z.record(z.string(), z.number()).optional() }).optional(),
});

/** A version whose environment the platform could not start with is refused at publish, not at its first invocation. */
export function environmentProblem(variables: Record<string, string>): string | undefined {
  try {
    loadPlatformConfig(variables);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replaceAll('\n', ' ') : String(error);
  }
}

/** Lambda's ListFunctions, PublishVersion, ListVersionsByFunction, GetAlias and UpdateAlias. */
export function lambdaControl(registry: FunctionRegistry): ControlModule {
  return {
    name: 'lambda',
    routes: [
      jsonRoute(CONTROL_ROUTES.listFunctions, () => ({ Functions: registry.list() })),
      jsonRoute(CONTROL_ROUTES.listVersions, (event) => ({
        Versions: registry.versions(pathParameter(event, 'name')),
      })),
      jsonRoute(
        CONTROL_ROUTES.publishVersion,
        (event) => {
          const name = pathParameter(event, 'name');
          registry.versions(name); // 404 before a 400 about the body of an unknown function
          const input = parseJsonBody(event, publishSchema);
          const problem = environmentProblem(input.Environment?.Variables ?? {});
          if (problem) throw validationFailed({ 'Environment.Variables': [problem] });
          return registry.publish(name, input);
        },
        201,
      ),
      jsonRoute(CONTROL_ROUTES.getAlias, (event) =>
        registry.alias(pathParameter(event, 'name'), pathParameter(event, 'alias')),
      ),
      jsonRoute(CONTROL_ROUTES.updateAlias, (event) => {
        const name = pathParameter(event, 'name');
        const alias = pathParameter(event, 'alias');
        registry.alias(name, alias);
        return registry.updateAlias(name, alias, parseJsonBody(event, aliasSchema));
      }),
    ],
  };
}
