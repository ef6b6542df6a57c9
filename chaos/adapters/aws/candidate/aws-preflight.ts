import { HarnessError } from '../../../../common/harness-error.ts';
import type { Profile } from '../../../../fixtures/environments/profile-schema.ts';
import { classifyAwsError } from '../sdk/aws-error-kind.ts';
import type { CloudWatchApi } from '../sdk/cloudwatch-api.ts';
import type { CodeDeployApi } from '../sdk/codedeploy-api.ts';
import { fisExtensionProblems } from '../fault-injector/fis-extension-check.ts';
import type { LambdaApi } from '../sdk/lambda-api.ts';

export type AwsProfile = NonNullable<Profile['aws']>;

/** What a passing preflight learned: the ARNs FIS needs, read from AWS rather than guessed. */
export interface AwsPreflightFacts {
  accountId: string;
  functionName: string;
  /** The version the alias serves now: where a drill's rollbacks put it back. */
  aliasVersion: string;
  errorRateAlarmArn: string;
}

export interface AwsPreflightOptions {
  lambda: LambdaApi;
  cloudWatch: CloudWatchApi;
  codeDeploy: CodeDeployApi;
  /** False when every drill has a template id in the profile: no role is needed to create one. */
  needsFisRole: boolean;
  signal: AbortSignal;
}

const accountOf = (arn: string | undefined): string | undefined => arn?.split(':')[4];

/** Resource lookups that fail with "not found" become a problem line; anything else is thrown. */
async function lookUp<T>(
  problems: string[],
  missing: string,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (classifyAwsError(error) !== 'not-found') throw error;
    problems.push(missing);
    return undefined;
  }
}

/**
 * Read-only checks before anything is injected on AWS. The stop-condition alarm must exist
 * and not be in ALARM already (it would stop the experiment at once and blame the drill), the
 * alias and the deployment group must exist, the function must carry the FIS Lambda extension,
 * and FIS needs a role. Every problem is collected and reported at once, exit 2.
 */
export async function awsPreflight(
  aws: AwsProfile,
  options: AwsPreflightOptions,
): Promise<AwsPreflightFacts> {
  const { signal } = options;
  const problems: string[] = [];
  const functionName = `${aws.functionPrefix}${aws.drillFunction}`;

  const alarms = await options.cloudWatch.describeAlarms(
    { AlarmNames: [aws.errorRateAlarm] },
    signal,
  );
  const alarm = (alarms.MetricAlarms ?? []).find((a) => a.AlarmName === aws.errorRateAlarm);
  if (!alarm) {
    problems.push(
      `aws.errorRateAlarm: alarm "${aws.errorRateAlarm}" does not exist in ${aws.region}; create it or fix the name`,
    );
  } else if (alarm.StateValue === 'ALARM') {
    problems.push(
      `aws.errorRateAlarm: "${aws.errorRateAlarm}" is already in ALARM (${alarm.StateReason ?? 'no reason given'}); ` +
        'a drill must start from a healthy release: wait until it is OK',
    );
  }

  const alias = await lookUp(
    problems,
    `aws.alias: function ${functionName} has no alias "${aws.alias}" (or the function does not exist)`,
    () => options.lambda.getAlias(functionName, aws.alias, signal),
  );
  if (alias && Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).length > 0) {
    problems.push(
      `aws.alias: ${functionName}:${aws.alias} already routes traffic to a second version (${JSON.stringify(alias.RoutingConfig?.AdditionalVersionWeights)}); ` +
        'finish or stop the deployment in progress first',
    );
  }

  const group = await lookUp(
    problems,
    `aws.codeDeployDeploymentGroup: no deployment group "${aws.codeDeployDeploymentGroup}" in application "${aws.codeDeployApplication}"`,
    () =>
      options.codeDeploy.getDeploymentGroup(
        aws.codeDeployApplication,
        aws.codeDeployDeploymentGroup,
        signal,
      ),
  );
  const groupAlarms = group?.deploymentGroupInfo?.alarmConfiguration;
  if (
    group &&
    !(groupAlarms?.enabled && groupAlarms.alarms?.some((a) => a.name === aws.errorRateAlarm))
  ) {
    problems.push(
      `aws.codeDeployDeploymentGroup: "${aws.codeDeployDeploymentGroup}" does not stop deployments on "${aws.errorRateAlarm}" ` +
        '(its alarmConfiguration lacks it or is disabled); a bad canary would never roll back by itself',
    );
  }

  const configuration = alias
    ? await lookUp(
        problems,
        `aws.drillFunction: cannot read the configuration of ${functionName}:${aws.alias}`,
        () => options.lambda.getFunctionConfiguration(functionName, aws.alias, signal),
      )
    : undefined;
  if (configuration) {
    for (const problem of fisExtensionProblems(
      configuration,
      aws.fisExtensionConfigurationLocation,
    )) {
      problems.push(`FIS Lambda extension (${problem.prerequisite}): ${problem.message}`);
    }
  }
  if (options.needsFisRole && !aws.fisRoleArn) {
    problems.push(
      'aws.fisRoleArn: FIS needs a role to run the experiments; set HARNESS_AWS_FIS_ROLE_ARN (npm run test:chaos -- --emit fis-template writes its policy)',
    );
  }

  const accountId =
    aws.accountId ?? accountOf(configuration?.FunctionArn) ?? accountOf(alarm?.AlarmArn);
  if (problems.length > 0 || !alias?.FunctionVersion || !alarm?.AlarmArn || !accountId) {
    if (problems.length === 0)
      problems.push(
        'AWS answered without the alias version, alarm ARN or account id the drill needs',
      );
    throw new HarnessError(
      'AWS_PREFLIGHT',
      `Nothing was injected: the AWS preflight for ${functionName} in ${aws.region} failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return {
    accountId,
    functionName,
    aliasVersion: alias.FunctionVersion,
    errorRateAlarmArn: alarm.AlarmArn,
  };
}
