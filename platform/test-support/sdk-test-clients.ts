import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { FisClient } from '@aws-sdk/client-fis';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { LOCAL_REGION } from '../local-aws-account.ts';

/** The real SDK clients, pointed at a local platform, with its admin token as the access key id. */
export function sdkClients(url: string, adminToken: string, accessKeyId = adminToken) {
  const config = {
    endpoint: url,
    region: LOCAL_REGION,
    credentials: { accessKeyId, secretAccessKey: 'not-verified' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 },
  };
  const clients = {
    lambda: new LambdaClient(config),
    codeDeploy: new CodeDeployClient(config),
    cloudWatch: new CloudWatchClient(config),
    fis: new FisClient(config),
  };
  return {
    ...clients,
    destroy: () => Object.values(clients).forEach((client) => client.destroy()),
  };
}
