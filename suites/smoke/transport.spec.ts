import { describe } from 'vitest';
import { TargetResponseError } from '../../fixtures/api-client/api-response.ts';
import { NOT_APPLICABLE } from '../../reports/run-result.ts';
import { check, recordMeasurement, recordWarning } from '../../reports/vitest/check-meta.ts';
import { test } from '../fixtures.ts';
import { hstsMaxAge, isModernTls, probeTls, type TlsProbe } from './transport/probe-tls.ts';

/**
 * The seeds' open items "SSL certificates installed and verified" and "custom domain
 * names configured", as checks of an https:// target: chain, host name, expiry, TLS
 * version, HSTS. An http:// target skips them with the reason.
 */
const TAGS = ['smoke', 'transport', 'security'];
const DAY_MS = 86_400_000;
/** Under this many days a passing certificate is a warning: renewals take time to roll out. */
const WARN_DAYS = 30;

let probed: Promise<TlsProbe> | undefined;

interface Context {
  client: { baseUrl: string };
  environment: { profile: { target: { requestTimeoutMs: number } } };
  skip: (note: string) => void;
}

/** The probe of this file's target, or undefined (and the check skipped) for an http:// target. */
async function probe({ client, environment, skip }: Context): Promise<TlsProbe | undefined> {
  if (!client.baseUrl.startsWith('https://')) {
    skip(`${NOT_APPLICABLE}${client.baseUrl} is http://; certificate, TLS and HSTS checks apply to https:// targets`);
    return undefined;
  }
  probed ??= probeTls(client.baseUrl, environment.profile.target.requestTimeoutMs);
  return probed;
}

describe('transport: TLS of an https:// target', () => {
  test(
    'the certificate chain is trusted',
    check('smoke.transport.certificate-chain', 'security', 'critical', TAGS),
    async ({ client, environment, skip }) => {
      const tls = await probe({ client, environment, skip });
      if (tls && !tls.chainTrusted) {
        throw new TargetResponseError(
          `the certificate of ${tls.hostname} is not trusted: ${tls.chainError ?? 'unknown reason'}`,
        );
      }
    },
  );

  test(
    'the certificate names the host',
    check('smoke.transport.hostname', 'security', 'critical', TAGS),
    async ({ client, environment, skip }) => {
      const tls = await probe({ client, environment, skip });
      if (tls?.hostnameError)
        throw new TargetResponseError(`the certificate does not cover ${tls.hostname}: ${tls.hostnameError}`);
    },
  );

  test(
    'the certificate is far from expiry',
    check('smoke.transport.certificate-expiry', 'security', 'critical', TAGS),
    async ({ client, environment, skip, task }) => {
      const tls = await probe({ client, environment, skip });
      if (!tls) return;
      const minDays = environment.profile.target.certificateMinDays;
      const days = Math.floor((tls.validTo.getTime() - Date.now()) / DAY_MS);
      recordMeasurement(task, { value: days, unit: 'days', target: `>=${minDays}` });
      const when = `expires ${tls.validTo.toISOString()} (${days} days)`;
      if (days < 0) throw new TargetResponseError(`the certificate of ${tls.hostname} has expired: ${when}`);
      if (days < minDays) {
        throw new TargetResponseError(
          `the certificate of ${tls.hostname} ${when}, under ${minDays} days (target.certificateMinDays)`,
        );
      }
      if (days < WARN_DAYS)
        recordWarning(task, `the certificate of ${tls.hostname} ${when}, under ${WARN_DAYS} days: renew it`);
    },
  );

  test(
    'TLS 1.2 or newer is negotiated',
    check('smoke.transport.tls-version', 'security', 'major', TAGS),
    async ({ client, environment, skip }) => {
      const tls = await probe({ client, environment, skip });
      if (tls && !isModernTls(tls.protocol)) {
        throw new TargetResponseError(
          `${tls.hostname} negotiated ${tls.protocol ?? 'no protocol'}; TLS 1.2 or newer is required`,
        );
      }
    },
  );

  test(
    'responses carry Strict-Transport-Security',
    check('smoke.transport.hsts', 'security', 'major', TAGS),
    async ({ client, environment, skip, task }) => {
      const tls = await probe({ client, environment, skip });
      if (!tls) return;
      const maxAge = hstsMaxAge(tls.hsts);
      if (!maxAge) {
        throw new TargetResponseError(
          `${tls.hostname} sends ${tls.hsts ? `Strict-Transport-Security "${tls.hsts}" without a positive max-age` : 'no Strict-Transport-Security header'}; browsers may then be downgraded to http://`,
        );
      }
      recordMeasurement(task, { value: maxAge, unit: 's' });
    },
  );
});
