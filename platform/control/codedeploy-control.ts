import { z } from 'zod';
import { CONTROL_ROUTES } from '../../common/aws-shapes/control-api.ts';
import type { DeploymentController } from '../codedeploy/deployment-controller.ts';
import { parseJsonBody, readJsonBody, validate } from '../http/request-body.ts';
import { jsonRoute, type ControlModule } from './control-module.ts';
import { pathParameter } from './path-parameter.ts';

const percentage = z.number().int().min(1).max(99);
const interval = z.number().int().min(1).max(2880);

/** CreateDeployment for one Lambda alias, in CodeDeploy's field names. */
const deploymentSchema = z.strictObject({
  applicationName: z.string().min(1).optional(),
  deploymentGroupName: z.string().min(1).optional(),
  functionName: z.string().min(1),
  alias: z.string().min(1),
  currentVersion: z.string().regex(/^\d+$/).optional(),
  targetVersion: z.string().regex(/^\d+$/, 'must be a published version number'),
  deploymentConfigName: z.string().min(1).optional(),
  trafficRoutingConfig: z
    .strictObject({
      type: z.enum(['TimeBasedCanary', 'TimeBasedLinear', 'AllAtOnce']),
      timeBasedCanary: z.strictObject({ canaryPercentage: percentage, canaryInterval: interval }).optional(),
      timeBasedLinear: z.strictObject({ linearPercentage: percentage, linearInterval: interval }).optional(),
    })
    .optional(),
  autoRollbackConfiguration: z
    .strictObject({
      enabled: z.boolean(),
      events: z.array(z.enum(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'])),
    })
    .optional(),
  alarmConfiguration: z
    .strictObject({
      enabled: z.boolean(),
      alarms: z.array(z.strictObject({ name: z.string().min(1) })),
    })
    .optional(),
});

const stopSchema = z.strictObject({ autoRollbackEnabled: z.boolean().optional() });

/** CodeDeploy's CreateDeployment, GetDeployment, ListDeployments and StopDeployment. */
export function codedeployControl(deployments: DeploymentController): ControlModule {
  return {
    name: 'codedeploy',
    routes: [
      jsonRoute(
        CONTROL_ROUTES.createDeployment,
        (event) => ({
          deploymentId: deployments.create(parseJsonBody(event, deploymentSchema), new Date()).deploymentId,
        }),
        201,
      ),
      jsonRoute(CONTROL_ROUTES.listDeployments, () => ({ deployments: deployments.list() })),
      jsonRoute(CONTROL_ROUTES.getDeployment, (event) => ({
        deploymentInfo: deployments.get(pathParameter(event, 'id')),
      })),
      jsonRoute(CONTROL_ROUTES.stopDeployment, (event) => {
        // An empty body is fine here: StopDeployment's only field is optional.
        const body = validate(stopSchema, event.body ? readJsonBody(event) : {});
        return deployments.stop(pathParameter(event, 'id'), body.autoRollbackEnabled, new Date());
      }),
    ],
  };
}
