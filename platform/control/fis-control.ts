import { z } from 'zod';
import { CONTROL_ROUTES } from '../../common/aws-shapes/control-api.ts';
import { FIS_LAMBDA_TARGET_KEY } from '../../common/aws-shapes/fis.ts';
import type { Experiments } from '../fis/experiments.ts';
import { parseJsonBody } from '../http/request-body.ts';
import { jsonRoute, type ControlModule } from './control-module.ts';
import { pathParameter } from './path-parameter.ts';

/**
 * StartExperiment's body as a template's content. Action ids are checked by the experiment
 * itself, so a service action gets an answer that says where it runs instead of "invalid".
 */
const experimentSchema = z.strictObject({
  description: z.string().max(512).optional(),
  actions: z.record(
    z.string().min(1),
    z.strictObject({
      actionId: z.string().min(1),
      description: z.string().optional(),
      parameters: z.record(z.string(), z.string()),
      targets: z.record(z.literal(FIS_LAMBDA_TARGET_KEY), z.string()),
      startAfter: z.array(z.string()).optional(),
    }),
  ),
  targets: z.record(
    z.string().min(1),
    z.strictObject({
      resourceType: z.string(),
      resourceArns: z.array(z.string().min(1)).min(1),
      selectionMode: z.string().regex(/^(ALL|COUNT\(\d+\)|PERCENT\(\d+\))$/, 'must be ALL, COUNT(n) or PERCENT(n)'),
    }),
  ),
  stopConditions: z.array(
    z.strictObject({
      source: z.enum(['aws:cloudwatch:alarm', 'none']),
      value: z.string().optional(),
    }),
  ),
  experimentOptions: z.strictObject({ actionsMode: z.enum(['run-all', 'skip-all']).optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

/** FIS's StartExperiment, GetExperiment, ListExperiments and StopExperiment, for Lambda faults. */
export function fisControl(experiments: Experiments): ControlModule {
  return {
    name: 'fis',
    routes: [
      jsonRoute(
        CONTROL_ROUTES.startExperiment,
        (event) => ({
          experiment: experiments.start(parseJsonBody(event, experimentSchema), new Date()),
        }),
        201,
      ),
      jsonRoute(CONTROL_ROUTES.listExperiments, () => ({ experiments: experiments.list() })),
      jsonRoute(CONTROL_ROUTES.getExperiment, (event) => ({
        experiment: experiments.get(pathParameter(event, 'id')),
      })),
      jsonRoute(CONTROL_ROUTES.stopExperiment, (event) => ({
        experiment: experiments.stop(pathParameter(event, 'id'), new Date()),
      })),
    ],
  };
}
