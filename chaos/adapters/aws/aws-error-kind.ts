/**
 * Sorts an error thrown by an AWS SDK v3 client into what the harness does about it. SDK
 * service errors carry the AWS error code as `name`; the Query protocol (CloudWatch) says
 * `Throttling` and `AccessDenied` where the JSON protocols say `ThrottlingException` and
 * `AccessDeniedException`, so both spellings are listed.
 */
export type AwsErrorKind = 'throttled' | 'access-denied' | 'no-credentials' | 'not-found' | 'other';

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
]);

const ACCESS_DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
]);

const CREDENTIAL_CODES = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);

const NOT_FOUND_CODES = new Set([
  'ResourceNotFoundException',
  'ResourceNotFound',
  'DeploymentDoesNotExistException',
  'DeploymentGroupDoesNotExistException',
  'ApplicationDoesNotExistException',
  'DeploymentConfigDoesNotExistException',
  'AliasNotFound',
]);

export function awsErrorCode(error: unknown): string | undefined {
  if (error instanceof Error) return error.name;
  return undefined;
}

export function classifyAwsError(error: unknown): AwsErrorKind {
  const code = awsErrorCode(error);
  if (code === undefined) return 'other';
  if (THROTTLING_CODES.has(code)) return 'throttled';
  if (ACCESS_DENIED_CODES.has(code)) return 'access-denied';
  if (CREDENTIAL_CODES.has(code)) return 'no-credentials';
  if (NOT_FOUND_CODES.has(code)) return 'not-found';
  // A 429 without a known code is throttling too (the SDK marks it on $retryable).
  const retryable = (error as { $retryable?: { throttling?: boolean } }).$retryable;
  if (retryable?.throttling === true) return 'throttled';
  return 'other';
}
