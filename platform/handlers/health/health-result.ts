import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { platformCodeSha256 } from '../../code-digest.ts';
import type { PlatformConfig } from '../../config.ts';
import { worstStatus, type Checks } from './checks/health-types.ts';

export const HEALTH_MEDIA_TYPE = 'application/health+json';

/** The health document, with its overall status the worst of its checks; 503 only on `fail`. */
export function healthResult(
  config: PlatformConfig,
  description: string,
  checks: Checks,
): APIGatewayProxyStructuredResultV2 {
  const status = worstStatus(checks);
  const body = {
    status,
    version: '1',
    releaseId: config.releaseId,
    // The code's digest, as Lambda's CodeSha256: what signed evidence names as its subject.
    codeSha256: platformCodeSha256(),
    serviceId: 'hasivu-platform',
    description,
    checks,
  };
  return {
    statusCode: status === 'fail' ? 503 : 200,
    headers: { 'content-type': HEALTH_MEDIA_TYPE, 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}
