import type { RetryPolicy } from './aws-call.ts';

/** What every per-service API wrapper takes besides its SDK client. */
export interface AwsApiOptions {
  retry?: RetryPolicy;
}
