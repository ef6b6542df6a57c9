import type { ResolvedEnvironment } from '../fixtures/environments/resolve-profile.ts';
import { startLocalTarget } from './local-target.ts';
import type { Target } from './target.ts';

export interface AcquiredTarget extends AsyncDisposable {
  target: Target;
}

/** For runners that start their own platform: nothing to reach, nothing to dispose. */
export function noTarget(environment: ResolvedEnvironment): AcquiredTarget {
  return {
    target: {
      baseUrl: '',
      credentials: { email: environment.profile.auth.email, password: undefined },
      webhookSecret: undefined,
      adminToken: undefined,
      local: environment.startsLocalPlatform,
    },
    [Symbol.asyncDispose]: () => Promise.resolve(),
  };
}

/** The target of a resolved environment: the given URL, or a freshly started local platform. */
export async function acquireTarget(
  environment: ResolvedEnvironment,
  log: (line: string) => void,
): Promise<AcquiredTarget> {
  if (environment.startsLocalPlatform) return startLocalTarget(log);
  const { profile, secrets } = environment;
  return {
    target: {
      baseUrl: profile.target.baseUrl ?? '',
      credentials: { email: profile.auth.email, password: secrets.userPassword },
      webhookSecret: secrets.webhookSecret,
      adminToken: secrets.adminToken,
      local: false,
    },
    [Symbol.asyncDispose]: () => Promise.resolve(),
  };
}
