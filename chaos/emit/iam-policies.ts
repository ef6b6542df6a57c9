import type { AwsProfile } from '../adapters/aws/candidate/aws-preflight.ts';
import { CLOUDWATCH_ACTIONS } from '../adapters/aws/sdk/cloudwatch-api.ts';
import { CODEDEPLOY_ACTIONS } from '../adapters/aws/sdk/codedeploy-api.ts';
import { FIS_ACTIONS } from '../adapters/aws/sdk/fis-api.ts';
import { LAMBDA_ACTIONS } from '../adapters/aws/sdk/lambda-api.ts';

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

/** `arn:aws:s3:::bucket/FisConfigs/` → bucket and key prefix. */
export function s3Location(arn: string): { bucket: string; prefix: string } {
  const path = arn.replace(/^arn:aws[a-z-]*:s3:::/, '');
  const slash = path.indexOf('/');
  return slash < 0 ? { bucket: path, prefix: '' } : { bucket: path.slice(0, slash), prefix: path.slice(slash + 1) };
}

/** What FIS needs on each dependency a profile may name: the outage action and the look before it. */
const DEPENDENCY_STATEMENTS = [
  {
    field: 'rdsDbInstanceArn',
    Sid: 'RebootTheDatabase',
    Action: ['rds:RebootDBInstance', 'rds:DescribeDBInstances'],
  },
  {
    field: 'elastiCacheReplicationGroupArn',
    Sid: 'InterruptTheCache',
    Action: ['elasticache:InterruptClusterAzPower', 'elasticache:DescribeReplicationGroups'],
  },
] as const satisfies readonly {
  field: keyof NonNullable<AwsProfile['dependencies']>;
  Sid: string;
  Action: readonly string[];
}[];

/**
 * What the role FIS assumes needs for the Lambda actions: read the target functions, resolve
 * targets, write and remove the fault configuration the extension polls in S3, and deliver
 * the experiment log. Scoped to the profile's functions, bucket and log group.
 */
export function experimentRolePolicy(aws: AwsProfile, account: string): PolicyDocument {
  const functions = `arn:aws:lambda:${aws.region}:${account}:function:${aws.functionPrefix}*`;
  const statements: Statement[] = [
    {
      Sid: 'ReadTargetFunctions',
      Effect: 'Allow',
      Action: ['lambda:GetFunction'],
      Resource: functions,
    },
    { Sid: 'ResolveTargets', Effect: 'Allow', Action: ['tag:GetResources'], Resource: '*' },
  ];
  // The dependency drills' FIS actions, only on the resources the profile names.
  for (const { field, Sid, Action } of DEPENDENCY_STATEMENTS) {
    const resource = aws.dependencies?.[field];
    if (resource) statements.push({ Sid, Effect: 'Allow', Action: [...Action], Resource: resource });
  }
  if (aws.fisExtensionConfigurationLocation) {
    const { bucket, prefix } = s3Location(aws.fisExtensionConfigurationLocation);
    statements.push(
      {
        Sid: 'WriteFaultConfiguration',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: `arn:aws:s3:::${bucket}/${prefix}*`,
      },
      {
        Sid: 'ListFaultConfiguration',
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: `arn:aws:s3:::${bucket}`,
        Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      },
    );
  }
  const logs = aws.fisLogConfiguration;
  if (logs?.cloudWatchLogGroupArn) {
    statements.push({
      Sid: 'DeliverExperimentLogToCloudWatch',
      Effect: 'Allow',
      Action: [
        'logs:CreateLogDelivery',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
      ],
      Resource: '*',
    });
  }
  if (logs?.s3BucketName) {
    statements.push({
      Sid: 'DeliverExperimentLogToS3',
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: `arn:aws:s3:::${logs.s3BucketName}/${logs.s3Prefix ?? ''}*`,
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Who may assume the experiment role: FIS, for this account only (confused-deputy guard). */
export function experimentRoleTrustPolicy(account: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'fis.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': account } },
      },
    ],
  };
}

/**
 * What the identity running `npm run test:chaos` needs: every action its adapters call, read from
 * the per-service APIs' own lists (a call outside its list does not compile).
 */
export function harnessPolicy(aws: AwsProfile, account: string): PolicyDocument {
  const functions = `arn:aws:lambda:${aws.region}:${account}:function:${aws.functionPrefix}*`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'RunExperiments',
        Effect: 'Allow',
        Action: [...FIS_ACTIONS, 'fis:TagResource'],
        Resource: '*',
      },
      ...(aws.fisRoleArn
        ? [
            {
              Sid: 'PassExperimentRole',
              Effect: 'Allow' as const,
              Action: ['iam:PassRole'],
              Resource: aws.fisRoleArn,
            },
          ]
        : []),
      {
        Sid: 'ReleaseTheDrillFunction',
        Effect: 'Allow',
        Action: [...LAMBDA_ACTIONS],
        Resource: [functions, `${functions}:*`],
      },
      {
        Sid: 'DeployAndRollBack',
        Effect: 'Allow',
        Action: [
          ...CODEDEPLOY_ACTIONS,
          // The application's revisions, which a deployment from an AppSpec revision touches.
          'codedeploy:RegisterApplicationRevision',
          'codedeploy:GetApplicationRevision',
        ],
        Resource: [
          `arn:aws:codedeploy:${aws.region}:${account}:deploymentgroup:${aws.codeDeployApplication}/${aws.codeDeployDeploymentGroup}`,
          `arn:aws:codedeploy:${aws.region}:${account}:application:${aws.codeDeployApplication}`,
          `arn:aws:codedeploy:${aws.region}:${account}:deploymentconfig:*`,
        ],
      },
      {
        Sid: 'WatchAlarms',
        Effect: 'Allow',
        Action: [...CLOUDWATCH_ACTIONS],
        Resource: '*',
      },
    ],
  };
}
