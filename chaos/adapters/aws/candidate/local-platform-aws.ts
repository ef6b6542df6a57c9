import type { AwsProfile } from './aws-preflight.ts';

/**
 * The reference platform seen as an AWS account (docs/platform.md, "AWS-compatible
 * endpoints"): its function, alias, seed alarms and CodeDeploy names, in account
 * 000000000000. `--adapter aws` on a profile without an aws block drives the platform's
 * control listener through the real SDK clients with these, to rehearse the AWS path here.
 */
export const LOCAL_PLATFORM_AWS: AwsProfile = {
  region: 'ap-south-1',
  accountId: '000000000000',
  // Empty: the drills' own names (createOrder, hasivu-local-*) are the platform's.
  functionPrefix: '',
  drillFunction: 'createOrder',
  alias: 'live',
  alarmNames: ['hasivu-local-error-rate', 'hasivu-local-duration'],
  errorRateAlarm: 'hasivu-local-error-rate',
  codeDeployApplication: 'hasivu-local',
  codeDeployDeploymentGroup: 'hasivu-local-live',
  fisRoleArn: 'arn:aws:iam::000000000000:role/hasivu-local-fis',
  fisTemplates: {},
  // The platform has one database and one cache; its FIS endpoint takes these ARNs as them.
  dependencies: {
    rdsDbInstanceArn: 'arn:aws:rds:ap-south-1:000000000000:db:hasivu-local',
    elastiCacheReplicationGroupArn: 'arn:aws:elasticache:ap-south-1:000000000000:replicationgroup:hasivu-local',
  },
};

/** The admin token is the access key id the platform's AWS endpoints accept; the secret is not checked. */
export function localPlatformCredentials(adminToken: string): {
  accessKeyId: string;
  secretAccessKey: string;
} {
  return { accessKeyId: adminToken, secretAccessKey: 'local-platform-does-not-verify' };
}
