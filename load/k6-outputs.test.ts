import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { dashboardExport, k6OutputEnv } from './k6-outputs.ts';

test('k6 outputs and dashboard settings pass through; nothing else does; the dashboard stays on loopback', () => {
  expect(
    k6OutputEnv({
      K6_OUT: 'json=out.json',
      K6_WEB_DASHBOARD: 'true',
      K6_WEB_DASHBOARD_EXPORT: 'r.html',
      K6_CLOUD_TOKEN: 'secret',
      AWS_SECRET_ACCESS_KEY: 'x',
      K6_WEB_DASHBOARD_PORT: '',
    }),
  ).toEqual({
    K6_OUT: 'json=out.json',
    K6_WEB_DASHBOARD: 'true',
    K6_WEB_DASHBOARD_EXPORT: 'r.html',
    K6_WEB_DASHBOARD_HOST: '127.0.0.1',
  });
  expect(k6OutputEnv({ K6_WEB_DASHBOARD: 'true', K6_WEB_DASHBOARD_HOST: '::1' }).K6_WEB_DASHBOARD_HOST).toBe('::1');
});

test('the exported k6 report is evidence only when the dashboard ran and the file exists', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hasivu-k6-export-'));
  try {
    const report = join(dir, 'k6-report.html');
    expect(await dashboardExport({ K6_WEB_DASHBOARD: 'true', K6_WEB_DASHBOARD_EXPORT: report })).toBeUndefined();
    await writeFile(report, '<html></html>');
    expect(await dashboardExport({ K6_WEB_DASHBOARD: 'true', K6_WEB_DASHBOARD_EXPORT: report })).toBe(report);
    expect(await dashboardExport({ K6_WEB_DASHBOARD_EXPORT: report })).toBeUndefined();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
