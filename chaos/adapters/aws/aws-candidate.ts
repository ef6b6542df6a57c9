import type { AwsSdkClients } from './sdk-clients.ts';
import { createAwsSdkClients, destroyAwsSdkClients } from './sdk-clients.ts';
import { chaosPermission } from '../chaos-permission.ts';
import type {
  DrillAdapterCandidate,
  DrillAdapterContext,
  DrillAdapters,
} from '../drill-adapters.ts';
import { detectAwsCredentials } from './aws-credentials.ts';
import { awsPreflight } from './aws-preflight.ts';
import { AwsReleaseController } from './aws-release-controller.ts';
import { AwsReleaseObserver } from './aws-release-observer.ts';
import { cloudWatchApi } from './cloudwatch-api.ts';
import { codeDeployApi } from './codedeploy-api.ts';
import { FisFaultInjector } from './fis-fault-injector.ts';
import { fisApi } from './fis-api.ts';
import { lambdaApi } from './lambda-api.ts';
import { awsArns } from './aws-arns.ts';

export interface AwsCandidateOptions {
  /** Drills that will run; a drill without a template id in the profile needs the FIS role. */
  drills: readonly string[];
  /** Replaceable for tests: SDK clients whose `send` is stubbed. */
  clients?: (region: string) => AwsSdkClients;
  home?: string;
}

/** Drills on a real AWS account: FIS, CloudWatch, CodeDeploy and Lambda through the SDK. */
export function awsCandidate(options: AwsCandidateOptions): DrillAdapterCandidate {
  return {
    name: 'aws',
    applicability(context: DrillAdapterContext) {
      const { profile } = context.environment;
      if (!profile.aws)
        return { applicable: false, reason: `the ${profile.name} profile has no aws block` };
      const permission = chaosPermission(profile, context.allowProductionChaos);
      if (!permission.applicable) return permission;
      const credentials = detectAwsCredentials(context.env, options.home);
      if (!credentials.found) return { applicable: false, reason: credentials.reason };
      context.log(`chaos: AWS credentials from ${credentials.source}`);
      return { applicable: true };
    },

    async prepare(context: DrillAdapterContext): Promise<DrillAdapters> {
      const aws = context.environment.profile.aws;
      if (!aws) throw new Error('prepare() called for a profile without an aws block');
      const clients = (options.clients ?? createAwsSdkClients)(aws.region);
      const retry = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000, log: context.log };
      const lambda = lambdaApi(clients.lambda, { retry });
      const cloudWatch = cloudWatchApi(clients.cloudWatch, { retry });
      const codeDeploy = codeDeployApi(clients.codeDeploy, { retry });
      try {
        const facts = await awsPreflight(aws, {
          lambda,
          cloudWatch,
          codeDeploy,
          needsFisRole: options.drills.some((d) => !aws.fisTemplates[d]),
          signal: context.signal,
        });
        const arns = awsArns(aws.region, facts.accountId);
        const injector = new FisFaultInjector({
          api: fisApi(clients.fis, { retry }),
          settings: {
            roleArn: aws.fisRoleArn ?? '',
            logConfiguration: aws.fisLogConfiguration,
            functionArn: arns.function,
            alarmArn: arns.alarm,
          },
          templateIds: aws.fisTemplates,
          log: context.log,
        });
        return {
          name: 'aws',
          injector,
          observer: new AwsReleaseObserver({ lambda, cloudWatch, codeDeploy }),
          controller: new AwsReleaseController({
            lambda,
            codeDeploy,
            applicationName: aws.codeDeployApplication,
            deploymentGroupName: aws.codeDeployDeploymentGroup,
            log: context.log,
          }),
          target: {
            functionName: facts.functionName,
            alias: aws.alias,
            stableVersion: facts.aliasVersion,
            alarmNames: aws.alarmNames,
          },
          [Symbol.asyncDispose]: () => {
            destroyAwsSdkClients(clients);
            return Promise.resolve();
          },
        };
      } catch (error) {
        destroyAwsSdkClients(clients);
        throw error;
      }
    },
  };
}
