import type { FunctionConfiguration } from '@aws-sdk/client-lambda';

/** The FIS Lambda extension's wrapper script; FIS documents this exact path. */
export const FIS_EXEC_WRAPPER = '/opt/aws-fis/bootstrap';
export const FIS_CONFIGURATION_LOCATION_VARIABLE = 'AWS_FIS_CONFIGURATION_LOCATION';

export interface FisExtensionProblem {
  prerequisite: 'layer' | 'exec-wrapper' | 'configuration-location';
  message: string;
}

/**
 * What a Lambda function needs before FIS's `aws:lambda:*` actions can reach its invocations:
 * the AWS FIS extension layer, `AWS_LAMBDA_EXEC_WRAPPER=/opt/aws-fis/bootstrap`, and
 * `AWS_FIS_CONFIGURATION_LOCATION` pointing at the S3 location the experiment writes to.
 * Without any one of them the experiment runs "successfully" and no invocation is touched, so
 * the drill checks before injecting and explains after a fault that never showed up.
 */
export function fisExtensionProblems(
  configuration: Pick<FunctionConfiguration, 'FunctionName' | 'Version' | 'Layers' | 'Environment'>,
  expectedLocation?: string,
): FisExtensionProblem[] {
  const name = `${configuration.FunctionName ?? 'function'}:${configuration.Version ?? '$LATEST'}`;
  const variables = configuration.Environment?.Variables ?? {};
  const problems: FisExtensionProblem[] = [];
  const hasLayer = (configuration.Layers ?? []).some((layer) => /:layer:aws-fis-extension/i.test(layer.Arn ?? ''));
  if (!hasLayer) {
    problems.push({
      prerequisite: 'layer',
      message: `${name} has no AWS FIS extension layer; add the layer ARN for the region and architecture (SSM parameter /aws/service/fis/lambda-extension/AWS-FIS-extension-<arch>/1.x.x)`,
    });
  }
  const wrapper = variables.AWS_LAMBDA_EXEC_WRAPPER;
  if (wrapper !== FIS_EXEC_WRAPPER) {
    problems.push({
      prerequisite: 'exec-wrapper',
      message: `${name} has AWS_LAMBDA_EXEC_WRAPPER=${wrapper ?? '(unset)'}; set it to ${FIS_EXEC_WRAPPER}`,
    });
  }
  const location = variables[FIS_CONFIGURATION_LOCATION_VARIABLE];
  if (!location) {
    problems.push({
      prerequisite: 'configuration-location',
      message: `${name} has no ${FIS_CONFIGURATION_LOCATION_VARIABLE}; set it to the S3 ARN the experiments write to (e.g. arn:aws:s3:::<bucket>/FisConfigs/)`,
    });
  } else if (expectedLocation && location !== expectedLocation) {
    problems.push({
      prerequisite: 'configuration-location',
      message: `${name} reads FIS configuration from ${location}, but the profile's aws.fisExtensionConfigurationLocation is ${expectedLocation}; make them the same`,
    });
  }
  return problems;
}

/**
 * The message for a drill whose experiment ran but whose traffic never saw a fault: either a
 * named missing prerequisite, or the extension's known delays when all are in place.
 */
export function unreachedFaultDiagnosis(problems: readonly FisExtensionProblem[], waitedMs: number): string {
  if (problems.length > 0) {
    return `The FIS fault never reached an invocation in ${waitedMs} ms because the function is not set up for the FIS Lambda extension: ${problems
      .map((p) => p.message)
      .join('; ')}`;
  }
  return (
    `The FIS fault never reached an invocation in ${waitedMs} ms although the extension layer, AWS_LAMBDA_EXEC_WRAPPER and ` +
    `${FIS_CONFIGURATION_LOCATION_VARIABLE} are in place. Check that the function's execution role may s3:GetObject and ` +
    's3:ListBucket on that location, and that the experiment role may s3:PutObject there (docs/chaos-aws.md).'
  );
}
