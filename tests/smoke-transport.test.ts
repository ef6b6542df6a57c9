import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_ACCOUNT, startFakePlatform } from '../fixtures/fake-platform/start-fake-platform.ts';
import { RunResultSchema, type Status } from '../reports/run-result.ts';
import { startHttpsProxy } from './test-support/https-proxy.ts';
import { runCli } from './test-support/run-cli.ts';
import { makeTestCertificates, type CertificateCase, type TestCertificates } from './test-support/test-certificates.ts';

let certificates: TestCertificates;
beforeAll(() => {
  certificates = makeTestCertificates();
});
afterAll(() => certificates?.[Symbol.dispose]());

const HSTS = 'max-age=31536000; includeSubDomains';

async function transportChecks(baseUrl: string, env: Record<string, string> = {}) {
  const reportsDir = await mkdtemp(join(tmpdir(), 'hasivu-transport-'));
  try {
    const outcome = await runCli(['run', 'smoke', '--tags', 'transport'], {
      HARNESS_BASE_URL: baseUrl,
      // A remote smoke run needs the parent's password up front; the fake platform's own.
      HARNESS_USER_EMAIL: DEFAULT_ACCOUNT.email,
      HARNESS_USER_PASSWORD: DEFAULT_ACCOUNT.password,
      HARNESS_REPORTS_DIR: reportsDir,
      NODE_EXTRA_CA_CERTS: certificates.caFile,
      ...env,
    });
    if (outcome.code === 2)
      return { outcome, statuses: new Map<string, Status>(), messages: new Map<string, string>() };
    const result = RunResultSchema.parse(JSON.parse(await readFile(join(reportsDir, 'results', 'smoke.json'), 'utf8')));
    const transport = result.checks.filter((c) => c.id.startsWith('smoke.transport.'));
    return {
      outcome,
      statuses: new Map(transport.map((c) => [c.id.replace('smoke.transport.', ''), c.status])),
      messages: new Map(transport.map((c) => [c.id.replace('smoke.transport.', ''), c.message ?? ''])),
    };
  } finally {
    await rm(reportsDir, { recursive: true, force: true });
  }
}

/** `hsts` '' sends no Strict-Transport-Security header. */
async function throughTls(kind: CertificateCase, hsts = HSTS) {
  await using fake = await startFakePlatform();
  await using proxy = await startHttpsProxy(fake.url, { ...certificates.keyAndCert(kind), hsts });
  return await transportChecks(proxy.url);
}

const ALL_PASS: Record<string, Status> = {
  'certificate-chain': 'pass',
  hostname: 'pass',
  'certificate-expiry': 'pass',
  'tls-version': 'pass',
  hsts: 'pass',
};

/** Each certificate case and the status every transport check must get for it. */
const CASES: {
  kind: CertificateCase;
  expected: Record<string, Status>;
  says?: [string, RegExp];
}[] = [
  { kind: 'valid', expected: ALL_PASS },
  {
    kind: 'expired',
    expected: { ...ALL_PASS, 'certificate-chain': 'fail', 'certificate-expiry': 'fail' },
    says: ['certificate-expiry', /has expired/],
  },
  {
    kind: 'wrong-host',
    expected: { ...ALL_PASS, hostname: 'fail' },
    says: ['hostname', /does not cover localhost/],
  },
  {
    kind: 'self-signed',
    expected: { ...ALL_PASS, 'certificate-chain': 'fail' },
    says: ['certificate-chain', /SELF_SIGNED/],
  },
  {
    kind: 'expiring-soon',
    expected: { ...ALL_PASS, 'certificate-expiry': 'fail' },
    says: ['certificate-expiry', /\(5 days\), under 14 days/],
  },
  {
    kind: 'expiring-in-20-days',
    expected: { ...ALL_PASS, 'certificate-expiry': 'warn' },
    says: ['certificate-expiry', /under 30 days: renew it/],
  },
];

describe('transport checks of an https:// target, against a local HTTPS server with generated certificates', () => {
  test.concurrent.for(CASES)('a $kind certificate', async ({ kind, expected, says }) => {
    const { outcome, statuses, messages } = await throughTls(kind);
    expect(Object.fromEntries(statuses), outcome.stderr.slice(-1500)).toEqual(expected);
    if (says) expect(messages.get(says[0])).toMatch(says[1]);
  });

  test.concurrent('a valid certificate without Strict-Transport-Security fails only the HSTS check', async () => {
    const { statuses, messages } = await throughTls('valid', '');
    expect(Object.fromEntries(statuses)).toEqual({ ...ALL_PASS, hsts: 'fail' });
    expect(messages.get('hsts')).toMatch(/no Strict-Transport-Security header/);
  });

  test.concurrent('an http:// target skips every transport check with the reason', async () => {
    await using fake = await startFakePlatform();
    const { statuses, messages } = await transportChecks(fake.url);
    expect([...statuses.values()]).toEqual(['skip', 'skip', 'skip', 'skip', 'skip']);
    expect(messages.get('hostname')).toMatch(
      /is http:\/\/; certificate, TLS and HSTS checks apply to https:\/\/ targets/,
    );
  });

  test.concurrent('a production profile with an http:// base URL is a configuration error (exit 2)', async () => {
    const { outcome } = await transportChecks('http://127.0.0.1:9', {
      HARNESS_ENV: 'production',
    });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      /target\.baseUrl: http:\/\/127\.0\.0\.1:9 is plain http:\/\/ but the production profile is production/,
    );
  });
});
