import type { FisExperimentDefinition } from '../../../../common/aws-shapes/fis.ts';
import type { FisTemplateSettings } from '../fault-injector/fis-template.ts';

/** Account, region and names as in the FIS and Lambda API reference examples. */
export const ACCOUNT = '123456789012';
export const REGION = 'ap-south-1';

export const SETTINGS: FisTemplateSettings = {
  roleArn: `arn:aws:iam::${ACCOUNT}:role/hasivu-fis-experiments`,
  logConfiguration: {
    cloudWatchLogGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/hasivu/fis`,
  },
  functionArn: (name) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
  alarmArn: (name) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`,
};

export const INVOCATION_ERROR: FisExperimentDefinition = {
  description: 'Fail every invocation of the canary version',
  actions: {
    failCanary: {
      actionId: 'aws:lambda:invocation-error',
      parameters: { invocationPercentage: '100', preventExecution: 'true', duration: 'PT2M' },
      targets: { Functions: 'canary' },
    },
  },
  targets: {
    canary: {
      resourceType: 'aws:lambda:function',
      resourceArns: ['hasivu-platform-staging-orders:7'],
      selectionMode: 'ALL',
    },
  },
  stopConditions: [{ source: 'aws:cloudwatch:alarm', value: 'hasivu-staging-errors' }],
  tags: { 'hasivu:drill': 'fis-invocation-error' },
};
