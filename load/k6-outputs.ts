import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { displayPath } from '../common/display-path.ts';

/** k6's own outputs stay the user's choice: these reach k6 unchanged. */
export const K6_OUTPUT_ENV = [
  'K6_OUT',
  'K6_WEB_DASHBOARD',
  'K6_WEB_DASHBOARD_EXPORT',
  'K6_WEB_DASHBOARD_HOST',
  'K6_WEB_DASHBOARD_PORT',
  'K6_WEB_DASHBOARD_PERIOD',
] as const;

/** The part of k6's environment that is the user's: outputs and the web dashboard. */
export function k6OutputEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of K6_OUTPUT_ENV) {
    const value = env[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  // k6's dashboard listens on every interface unless told otherwise: keep it on loopback.
  if (out.K6_WEB_DASHBOARD === 'true' && !out.K6_WEB_DASHBOARD_HOST) out.K6_WEB_DASHBOARD_HOST = '127.0.0.1';
  return out;
}

/** k6's HTML report, when K6_WEB_DASHBOARD_EXPORT asked for one and k6 wrote it: evidence for the load checks. */
export async function dashboardExport(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const path = env.K6_WEB_DASHBOARD_EXPORT?.trim();
  if (!path || env.K6_WEB_DASHBOARD !== 'true') return undefined;
  const info = await stat(resolve(path)).catch(() => undefined);
  return info?.isFile() ? displayPath(resolve(path)) : undefined;
}
