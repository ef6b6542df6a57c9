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
async function lookUp<T>(problems: string[], missing: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (classifyAwsError(error) !== 'not-found') throw error;
    problems.push(missing);
    return undefined;
  }
}

/** The stop-condition alarm: it must exist and not be in ALARM already. */
async function checkErrorRateAlarm(aws: AwsProfile, options: AwsPreflightOptions, problems: string[]) {
  const alarms = await options.cloudWatch.describeAlarms({ AlarmNames: [aws.errorRateAlarm] }, options.signal);
  const alarm = (alarms.MetricAlarms ?? []).find((candidate) => candidate.AlarmName === aws.errorRateAlarm);
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
  return alarm;
}

/** The alias must exist and serve one version only: a second one means a deployment in progress. */
async function checkAlias(aws: AwsProfile, functionName: string, options: AwsPreflightOptions, problems: string[]) {
  const alias = await lookUp(
    problems,
    `aws.alias: function ${functionName} has no alias "${aws.alias}" (or the function does not exist)`,
    () => options.lambda.getAlias(functionName, aws.alias, options.signal),
  );
  if (alias && Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {}).length > 0) {
    problems.push(
      `aws.alias: ${functionName}:${aws.alias} already routes traffic to a second version (${JSON.stringify(alias.RoutingConfig?.AdditionalVersionWeights)}); ` +
        'finish or stop the deployment in progress first',
    );
  }
  return alias;
}

/** The deployment group must exist and stop deployments on the stop-condition alarm. */
async function checkDeploymentGroup(aws: AwsProfile, options: AwsPreflightOptions, problems: string[]): Promise<void> {
  const group = await lookUp(
    problems,
    `aws.codeDeployDeploymentGroup: no deployment group "${aws.codeDeployDeploymentGroup}" in application "${aws.codeDeployApplication}"`,
    () =>
      options.codeDeploy.getDeploymentGroup(aws.codeDeployApplication, aws.codeDeployDeploymentGroup, options.signal),
  );
  const groupAlarms = group?.deploymentGroupInfo?.alarmConfiguration;
  if (group && !(groupAlarms?.enabled && groupAlarms.alarms?.some((alarm) => alarm.name === aws.errorRateAlarm))) {
    problems.push(
      `aws.codeDeployDeploymentGroup: "${aws.codeDeployDeploymentGroup}" does not stop deployments on "${aws.errorRateAlarm}" ` +
        '(its alarmConfiguration lacks it or is disabled); a bad canary would never roll back by itself',
    );
  }
}

/** The function behind the alias must carry the FIS Lambda extension, set up as FIS needs it. */
async function checkFisExtension(
  aws: AwsProfile,
  functionName: string,
  options: AwsPreflightOptions,
  problems: string[],
) {
  const configuration = await lookUp(
    problems,
    `aws.drillFunction: cannot read the configuration of ${functionName}:${aws.alias}`,
    () => options.lambda.getFunctionConfiguration(functionName, aws.alias, options.signal),
  );
  for (const problem of configuration
    ? fisExtensionProblems(configuration, aws.fisExtensionConfigurationLocation)
    : []) {
    problems.push(`FIS Lambda extension (${problem.prerequisite}): ${problem.message}`);
  }
  return configuration;
}

/**
 * Read-only checks before anything is injected on AWS. The stop-condition alarm must exist
 * and not be in ALARM already (it would stop the experiment at once and blame the drill), the
 * alias and the deployment group must exist, the function must carry the FIS Lambda extension,
 * and FIS needs a role. Every problem is collected and reported at once, exit 2.
 */
export async function awsPreflight(aws: AwsProfile, options: AwsPreflightOptions): Promise<AwsPreflightFacts> {
  const problems: string[] = [];
  const functionName = `${aws.functionPrefix}${aws.drillFunction}`;
  const alarm = await checkErrorRateAlarm(aws, options, problems);
  const alias = await checkAlias(aws, functionName, options, problems);
  await checkDeploymentGroup(aws, options, problems);
  const configuration = alias ? await checkFisExtension(aws, functionName, options, problems) : undefined;
  if (options.needsFisRole && !aws.fisRoleArn) {
    problems.push(
      'aws.fisRoleArn: FIS needs a role to run the experiments; set HARNESS_AWS_FIS_ROLE_ARN (npm run test:chaos -- --emit fis-template writes its policy)',
    );
  }

  const accountId = aws.accountId ?? accountOf(configuration?.FunctionArn) ?? accountOf(alarm?.AlarmArn);
  if (problems.length > 0 || !alias?.FunctionVersion || !alarm?.AlarmArn || !accountId) {
    if (problems.length === 0)
      problems.push('AWS answered without the alias version, alarm ARN or account id the drill needs');
    throw new HarnessError(
      'AWS_PREFLIGHT',
      `Nothing was injected: the AWS preflight for ${functionName} in ${aws.region} failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
  return {
    accountId,
    functionName,
    aliasVersion: alias.FunctionVersion,
    errorRateAlarmArn: alarm.AlarmArn,
  };
}
