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

/**
 * `maxAttempts: 1` because aws-call.ts owns retries (one layer, logged, abortable); the
 * timeouts bound every call so a drill's deadline holds even when AWS stops answering.
 */
export function createAwsSdkClients(region: string): AwsSdkClients {
  const common = { region, maxAttempts: 1 };
  const requestHandler = { connectionTimeout: 5_000, requestTimeout: 15_000 };
  const fis = new FisClient({ ...common, requestHandler });
  installExperimentOptionsMiddleware(fis);
  return {
    fis,
    cloudWatch: new CloudWatchClient({ ...common, requestHandler }),
    codeDeploy: new CodeDeployClient({ ...common, requestHandler }),
    lambda: new LambdaClient({ ...common, requestHandler }),
  };
}

export function destroyAwsSdkClients(clients: AwsSdkClients): void {
  clients.fis.destroy();
  clients.cloudWatch.destroy();
  clients.codeDeploy.destroy();
  clients.lambda.destroy();
}
