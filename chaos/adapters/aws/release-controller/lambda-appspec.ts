import { createHash } from 'node:crypto';

export interface LambdaAppSpecInput {
  functionName: string;
  alias: string;
  currentVersion: string;
  targetVersion: string;
}

/**
 * The AppSpec CodeDeploy needs to shift a Lambda alias from one version to another (AppSpec
 * `version: 0.0`, one `AWS::Lambda::Function` resource). JSON is a valid AppSpec encoding, and
 * the sha256 lets CodeDeploy verify the content it received.
 */
export function lambdaAppSpec(input: LambdaAppSpecInput): { content: string; sha256: string } {
  const resources = JSON.stringify({
    Resources: [
      {
        [input.functionName]: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Name: input.functionName,
            Alias: input.alias,
            CurrentVersion: input.currentVersion,
            TargetVersion: input.targetVersion,
          },
        },
      },
    ],
  });
  // AppSpec's version is written `0.0`; JSON.stringify would shorten the number to `0`.
  const content = `{"version":0.0,${resources.slice(1)}`;
  return { content, sha256: createHash('sha256').update(content).digest('hex') };
}
