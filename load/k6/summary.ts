/// <reference types="k6" />
import { SUMMARY_PATH_ENV } from '../catalog/load-plan.ts';

/**
 * handleSummary: k6's end-of-test data as JSON, for the runner to read. Rendering is
 * the runner's job; this only decides where the data goes. `setup_data` is dropped
 * because it holds the session's bearer token.
 */
export function summaryFiles(data: Record<string, unknown>): Record<string, string> {
  const { setup_data: _secret, ...rest } = data;
  const json = JSON.stringify(rest, null, 2);
  const path = __ENV[SUMMARY_PATH_ENV];
  // Distributed runners have nowhere to write: the data goes to their log instead.
  return path ? { [path]: json } : { stdout: `${json}\n` };
}
