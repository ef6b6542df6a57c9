import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { FisClient } from '@aws-sdk/client-fis';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { installExperimentOptionsMiddleware } from './experiment-options-middleware.ts';

/** The four SDK clients a drill on AWS uses, for one region. */
export interface AwsSdkClients {
  fis: FisClient;
  cloudWatch: CloudWatchClient;
  codeDeploy: CodeDeployClient;
  lambda: LambdaClient;
}

/** Attempts per call, the first included, by the SDK's own standard retry strategy. */
export const SDK_MAX_ATTEMPTS = 5;

export interface AwsClientOptions {
  /**
   * An AWS-compatible endpoint for every service (e.g. the reference platform's control
   * listener, to rehearse the AWS path locally); AWS's own endpoints when absent.
   */
  endpoint?: string;
  /** Static credentials; the SDK's default chain when absent. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * The SDK's standard retry strategy (exponential backoff with jitter on throttling, 5xx and
 * dropped connections, with its retry quota) on every client; aws-call.ts adds only the
 * rollbacks' retry-until-deadline on top. The timeouts bound every call so a drill's deadline
 * holds even when AWS stops answering.
 */
export function createAwsSdkClients(region: string, options: AwsClientOptions = {}): AwsSdkClients {
  const common = {
    region,
    maxAttempts: SDK_MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const fis = new FisClient(common);
  installExperimentOptionsMiddleware(fis);
  return {
    fis,
    cloudWatch: new CloudWatchClient(common),
    codeDeploy: new CodeDeployClient(common),
    lambda: new LambdaClient(common),
  };
}

export function destroyAwsSdkClients(clients: AwsSdkClients): void {
  clients.fis.destroy();
  clients.cloudWatch.destroy();
  clients.codeDeploy.destroy();
  clients.lambda.destroy();
}
