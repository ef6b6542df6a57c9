/** The region and account the local platform claims, so every ARN it hands out agrees. */
export const LOCAL_REGION = 'ap-south-1';
export const LOCAL_ACCOUNT = '000000000000';

/** A function's ARN, optionally qualified by a version or alias. */
export function lambdaFunctionArn(functionName: string, qualifier?: string): string {
  const arn = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`;
  return qualifier === undefined ? arn : `${arn}:${qualifier}`;
}
