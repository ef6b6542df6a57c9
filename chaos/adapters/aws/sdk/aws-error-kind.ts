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

const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'NetworkingError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'ServiceException',
]);

/**
 * Worth another try: a server-side fault (5xx), throttling, or a connection that dropped or
 * timed out. A 4xx that is not throttling will say the same thing again.
 */
export function isTransientAwsError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (classifyAwsError(error) === 'throttled') return true;
  const details = error as {
    $fault?: string;
    $metadata?: { httpStatusCode?: number };
    code?: string;
  };
  if (details.$fault === 'server') return true;
  if ((details.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return TRANSIENT_NAMES.has(error.name) || TRANSIENT_NAMES.has(details.code ?? '');
}
