import { join } from 'node:path';
import { writeFileAtomic } from '../../common/atomic-write.ts';
import { HarnessError } from '../../common/harness-error.ts';
import type { Profile } from '../../fixtures/environments/profile-schema.ts';
import { awsArns } from '../adapters/aws/sdk/aws-arns.ts';
import { awsNames } from '../adapters/aws/sdk/aws-names.ts';
import { experimentTemplateRequest } from '../adapters/aws/fault-injector/fis-template.ts';
import type { Drill } from '../model/drill-schema.ts';
import { CreateExperimentTemplateRequestSchema } from './create-experiment-template-schema.ts';
import { isoSeconds } from '../adapters/aws/fault-injector/behaviour-fault.ts';
import { drillFaultExperiments } from './drill-faults.ts';
import { experimentRolePolicy, experimentRoleTrustPolicy, harnessPolicy } from './iam-policies.ts';

/** Where an account id is unknown, the emitted ARNs say so; `aws.accountId` fills it in. */
export const ACCOUNT_PLACEHOLDER = '000000000000';

export interface EmittedFiles {
  /** Path → JSON content, in write order. */
  files: Map<string, unknown>;
  /** Drills that need no FIS experiment on AWS, with why. */
  skipped: string[];
  notes: string[];
}

/**
 * `--emit fis-template`: per drill, the `CreateExperimentTemplate` request that makes its fault
 * on AWS (`aws fis create-experiment-template --cli-input-json file://<drill>.json`), the policy
 * and trust policy of the experiment role, and the policy of the identity that runs the drills.
 * Every template is validated against the API's request schema before anything is written.
 */
export function fisTemplateFiles(profile: Profile, drills: readonly Drill[], outDir: string): EmittedFiles {
  const aws = profile.aws;
  if (!aws) {
    throw new HarnessError(
      'NO_AWS_BLOCK',
      `the ${profile.name} profile has no aws block; emit templates for an AWS environment (--env staging)`,
    );
  }
  const notes: string[] = [];
  const account = aws.accountId ?? ACCOUNT_PLACEHOLDER;
  if (!aws.accountId)
    notes.push(
      `aws.accountId is not set: ARNs carry ${ACCOUNT_PLACEHOLDER}; set HARNESS_AWS_ACCOUNT_ID to the account's id`,
    );
  const arns = awsArns(aws.region, account);
  const roleArn = aws.fisRoleArn ?? arns.role(`${aws.functionPrefix}fis-experiments`);
  if (!aws.fisRoleArn)
    notes.push(
      `aws.fisRoleArn is not set: the templates name ${roleArn}; create that role from experiment-role-*.json or set HARNESS_AWS_FIS_ROLE_ARN`,
    );
  const names = awsNames(aws);
  const files = new Map<string, unknown>();
  const skipped: string[] = [];
  const problems: string[] = [];

  for (const drill of drills) {
    const experiments = drillFaultExperiments(drill);
    if (experiments.length === 0) {
      skipped.push(`${drill.name}: no fault to inject on AWS (a healthy release or a service outage)`);
      continue;
    }
    experiments.forEach((definition, index) => {
      // A template is long-lived: every action gets a duration, the drill's deadline by default.
      for (const action of Object.values(definition.actions))
        action.parameters.duration ??= isoSeconds(drill.deadlineMs);
      const request = experimentTemplateRequest(drill.name, names.experiment(definition), {
        roleArn,
        logConfiguration: aws.fisLogConfiguration,
        functionArn: arns.function,
        alarmArn: arns.alarm,
      });
      const parsed = CreateExperimentTemplateRequestSchema.safeParse(request);
      if (!parsed.success) {
        problems.push(...parsed.error.issues.map((i) => `${drill.name}: ${i.path.join('.')}: ${i.message}`));
        return;
      }
      files.set(join(outDir, `${drill.name}${experiments.length > 1 ? `-${index + 1}` : ''}.json`), request);
    });
  }
  if (problems.length > 0) {
    throw new HarnessError(
      'INVALID_FIS_TEMPLATE',
      `the emitted FIS templates would be refused by AWS:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  files.set(join(outDir, 'experiment-role-policy.json'), experimentRolePolicy(aws, account));
  files.set(join(outDir, 'experiment-role-trust-policy.json'), experimentRoleTrustPolicy(account));
  files.set(join(outDir, 'harness-policy.json'), harnessPolicy(aws, account));
  if (!aws.fisExtensionConfigurationLocation) {
    notes.push(
      'aws.fisExtensionConfigurationLocation is not set: the experiment role gets no S3 access, and the FIS Lambda extension cannot receive faults (docs/chaos-aws.md)',
    );
  }
  return { files, skipped, notes };
}

export async function writeEmittedFiles(emitted: EmittedFiles): Promise<void> {
  for (const [path, content] of emitted.files) await writeFileAtomic(path, `${JSON.stringify(content, null, 2)}\n`);
}
