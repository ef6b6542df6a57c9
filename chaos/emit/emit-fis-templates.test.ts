import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../fixtures/environments/resolve-profile.ts';
import { loadShippedDrill, SHIPPED_DRILL_NAMES } from '../drills/shipped-drills.ts';
import { CreateExperimentTemplateRequestSchema } from './create-experiment-template-schema.ts';
import { ACCOUNT_PLACEHOLDER, fisTemplateFiles } from './emit-fis-templates.ts';
import { CLOUDWATCH_ACTIONS } from '../adapters/aws/sdk/cloudwatch-api.ts';
import { CODEDEPLOY_ACTIONS } from '../adapters/aws/sdk/codedeploy-api.ts';
import { FIS_ACTIONS } from '../adapters/aws/sdk/fis-api.ts';
import { LAMBDA_ACTIONS } from '../adapters/aws/sdk/lambda-api.ts';

const ACCOUNT = '123456789012';
const env = {
  HARNESS_BASE_URL: 'https://api.staging.hasivu.example',
  HARNESS_AWS_ACCOUNT_ID: ACCOUNT,
  HARNESS_AWS_FIS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/hasivu-staging-fis`,
  HARNESS_AWS_FIS_LOG_CONFIGURATION_CLOUD_WATCH_LOG_GROUP_ARN: `arn:aws:logs:ap-south-1:${ACCOUNT}:log-group:/hasivu/staging/fis`,
  HARNESS_AWS_FIS_EXTENSION_CONFIGURATION_LOCATION: 'arn:aws:s3:::hasivu-staging-fis/FisConfigs/',
};
const drills = await Promise.all(SHIPPED_DRILL_NAMES.map(loadShippedDrill));

/** The latency the local latency canary adds: the FIS delay must be the same. */
function latencyOfTheBadCanary(): number | undefined {
  const drill = drills.find((d) => d.name === 'canary-latency-rollback');
  const publish = drill?.method.find((s) => s.run === 'publish-version');
  return publish?.run === 'publish-version' ? publish.behaviour?.addedLatencyMs : undefined;
}

describe('--emit fis-template', () => {
  const { profile } = resolveProfile({ name: 'staging', env });
  const emitted = fisTemplateFiles(profile, drills, '/out');
  const templates = [...emitted.files].filter(([path]) => !/policy/.test(path));

  it('writes one template per drill that injects a fault, and says why the others need none', () => {
    expect(templates.map(([path]) => path)).toEqual([
      '/out/canary-error-rollback.json',
      '/out/canary-latency-rollback.json',
      '/out/fis-invocation-error.json',
    ]);
    expect(emitted.skipped.map((s) => s.split(':')[0])).toEqual([
      'canary-healthy-promotes',
      'redis-outage',
      'postgres-restart',
    ]);
    expect(emitted.notes).toEqual([]);
  });

  it('every template passes the CreateExperimentTemplate request schema', () => {
    for (const [path, template] of templates) {
      const parsed = CreateExperimentTemplateRequestSchema.safeParse(template);
      expect(parsed.success, `${path}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('carries the FIS action, the Functions target, the ErrorRate stop condition, logs and options', () => {
    const template = Object.fromEntries(templates)['/out/fis-invocation-error.json'] as Record<string, unknown>;
    expect(template).toMatchObject({
      roleArn: env.HARNESS_AWS_FIS_ROLE_ARN,
      actions: {
        fault: {
          actionId: 'aws:lambda:invocation-error',
          parameters: { invocationPercentage: '100', preventExecution: 'true', duration: 'PT2M' },
          targets: { Functions: 'drillFunction' },
        },
      },
      targets: {
        drillFunction: {
          resourceType: 'aws:lambda:function',
          resourceArns: [`arn:aws:lambda:ap-south-1:${ACCOUNT}:function:hasivu-platform-staging-orders:HASIVU_CANARY`],
          selectionMode: 'ALL',
        },
      },
      stopConditions: [
        {
          source: 'aws:cloudwatch:alarm',
          value: `arn:aws:cloudwatch:ap-south-1:${ACCOUNT}:alarm:hasivu-staging-errors`,
        },
      ],
      logConfiguration: {
        logSchemaVersion: 2,
        cloudWatchLogsConfiguration: {
          logGroupArn: `${env.HARNESS_AWS_FIS_LOG_CONFIGURATION_CLOUD_WATCH_LOG_GROUP_ARN}:*`,
        },
      },
      experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'fail' },
    });
    const latency = Object.fromEntries(templates)['/out/canary-latency-rollback.json'] as {
      actions: Record<string, { actionId: string; parameters: Record<string, string> }>;
    };
    expect(latency.actions.fault).toMatchObject({
      actionId: 'aws:lambda:invocation-add-delay',
      parameters: { startupDelayMilliseconds: String(latencyOfTheBadCanary()) },
    });
  });

  it('writes the experiment role policy scoped to the functions, the FIS config bucket and the log delivery', () => {
    const policy = emitted.files.get('/out/experiment-role-policy.json') as {
      Statement: { Sid: string; Action: string[]; Resource: unknown }[];
    };
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    expect(bySid.ReadTargetFunctions?.Resource).toBe(
      `arn:aws:lambda:ap-south-1:${ACCOUNT}:function:hasivu-platform-staging-*`,
    );
    expect(bySid.WriteFaultConfiguration?.Resource).toBe('arn:aws:s3:::hasivu-staging-fis/FisConfigs/*');
    expect(bySid.DeliverExperimentLogToCloudWatch?.Action).toContain('logs:CreateLogDelivery');
    const harness = emitted.files.get('/out/harness-policy.json') as {
      Statement: { Action: string[] }[];
    };
    expect(harness.Statement.flatMap((s) => s.Action)).toEqual(
      expect.arrayContaining([
        'fis:StartExperiment',
        'iam:PassRole',
        'codedeploy:StopDeployment',
        'lambda:UpdateAlias',
        'cloudwatch:DescribeAlarmHistory',
      ]),
    );
    // Every action the adapters call, e.g. the canary's lambda:UpdateFunctionConfiguration.
    expect(harness.Statement.flatMap((s) => s.Action)).toEqual(
      expect.arrayContaining([...FIS_ACTIONS, ...LAMBDA_ACTIONS, ...CODEDEPLOY_ACTIONS, ...CLOUDWATCH_ACTIONS]),
    );
    expect(LAMBDA_ACTIONS).toContain('lambda:UpdateFunctionConfiguration');
  });

  it('without account id and role, still valid templates with a placeholder account, and notes that say what to set', () => {
    const bare = resolveProfile({
      name: 'staging',
      env: { HARNESS_BASE_URL: env.HARNESS_BASE_URL },
    }).profile;
    const result = fisTemplateFiles(bare, drills, '/out');
    expect(result.notes.join('\n')).toMatch(
      /HARNESS_AWS_ACCOUNT_ID[\s\S]*HARNESS_AWS_FIS_ROLE_ARN[\s\S]*fisExtensionConfigurationLocation/,
    );
    const template = result.files.get('/out/fis-invocation-error.json');
    expect(CreateExperimentTemplateRequestSchema.safeParse(template).success).toBe(true);
    expect(JSON.stringify(template)).toContain(ACCOUNT_PLACEHOLDER);
  });

  it('refuses the local profile, which has no aws block', () => {
    expect(() => fisTemplateFiles(resolveProfile({ name: 'local', env: {} }).profile, drills, '/out')).toThrow(
      /no aws block/,
    );
  });
});

describe('CreateExperimentTemplate request schema', () => {
  const valid = {
    description: 'x',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
    stopConditions: [{ source: 'none' }],
    targets: {
      t: {
        resourceType: 'aws:lambda:function',
        resourceArns: [`arn:aws:lambda:ap-south-1:${ACCOUNT}:function:f`],
        selectionMode: 'ALL',
      },
    },
    actions: {
      a: {
        actionId: 'aws:lambda:invocation-error',
        parameters: { duration: 'PT1M' },
        targets: { Functions: 't' },
      },
    },
  };
  it('accepts a minimal valid request and rejects what AWS would refuse', () => {
    expect(CreateExperimentTemplateRequestSchema.safeParse(valid).success).toBe(true);
    const broken = [
      { ...valid, roleArn: 'hasivu-fis' },
      { ...valid, stopConditions: [] },
      { ...valid, stopConditions: [{ source: 'aws:cloudwatch:alarm' }] },
      { ...valid, actions: { a: { ...valid.actions.a, targets: { Functions: 'missing' } } } },
      { ...valid, actions: { a: { ...valid.actions.a, parameters: {} } } },
      { ...valid, targets: { t: { ...valid.targets.t, selectionMode: 'SOME' } } },
      { ...valid, experimentOptions: { actionsMode: 'skip-all' } },
      { ...valid, unknownField: true },
    ];
    for (const request of broken)
      expect(CreateExperimentTemplateRequestSchema.safeParse(request).success, JSON.stringify(request)).toBe(false);
  });
});

describe('--emit fis-template with aws.dependencies', () => {
  it('lets the FIS role reboot and interrupt only the named database and cache, and nothing when none is named', () => {
    const rds = `arn:aws:rds:ap-south-1:${ACCOUNT}:db:hasivu-staging`;
    const cache = `arn:aws:elasticache:ap-south-1:${ACCOUNT}:replicationgroup:hasivu-staging`;
    const policyOf = (extra: Record<string, string>) => {
      const { profile } = resolveProfile({ name: 'staging', env: { ...env, ...extra } });
      const policy = fisTemplateFiles(profile, drills, '/out').files.get('/out/experiment-role-policy.json') as {
        Statement: { Sid: string; Action: string[]; Resource: unknown }[];
      };
      return Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    };
    const named = policyOf({
      HARNESS_AWS_DEPENDENCIES_RDS_DB_INSTANCE_ARN: rds,
      HARNESS_AWS_DEPENDENCIES_ELASTI_CACHE_REPLICATION_GROUP_ARN: cache,
    });
    expect(named.RebootTheDatabase).toMatchObject({
      Action: ['rds:RebootDBInstance', 'rds:DescribeDBInstances'],
      Resource: rds,
    });
    expect(named.InterruptTheCache).toMatchObject({ Resource: cache });
    expect(named.InterruptTheCache?.Action).toContain('elasticache:InterruptClusterAzPower');
    const none = policyOf({});
    expect(none.RebootTheDatabase).toBeUndefined();
    expect(none.InterruptTheCache).toBeUndefined();
  });
});
