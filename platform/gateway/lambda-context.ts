import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { lambdaFunctionArn } from '../local-aws-account.ts';

const unsupported = (): never => {
  throw new Error('The local gateway runs async handlers only: return the result instead of calling done/succeed/fail');
};

/** The Lambda Context an invocation would get on AWS, with its deadline. */
export function lambdaContext(functionName: string, timeoutMs: number, functionVersion = '$LATEST'): Context {
  const deadline = Date.now() + timeoutMs;
  const awsRequestId = randomUUID();
  const date = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion,
    invokedFunctionArn: lambdaFunctionArn(functionName),
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${date}/[${functionVersion}]${awsRequestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
