import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The certificate cases a transport check must tell apart. */
export const CERTIFICATE_CASES = [
  'valid',
  'expired',
  'wrong-host',
  'self-signed',
  'expiring-soon',
  'expiring-in-20-days',
] as const;
export type CertificateCase = (typeof CERTIFICATE_CASES)[number];

export interface TestCertificates extends Disposable {
  /** PEM of the test CA: give it to the harness as NODE_EXTRA_CA_CERTS. */
  caFile: string;
  keyAndCert(kind: CertificateCase): { key: string; cert: string };
}

const DAY_MS = 86_400_000;
/** OpenSSL's `ca -startdate/-enddate` form: YYYYMMDDHHMMSSZ. */
const asn1 = (date: Date): string => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** An elliptic-curve key, unencrypted, made alongside each request. */
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const LOCAL_NAMES = 'DNS:localhost,IP:127.0.0.1';

/** Runs `openssl` in the certificates' directory. */
type OpenSsl = (...args: string[]) => void;

/** The CA's key and certificate, and the `openssl ca` database and config that sign with them. */
function makeCa(dir: string, openssl: OpenSsl): void {
  const caSubject = '/CN=hasivu-verify test CA';
  openssl('req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', caSubject);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'serial = $dir/serial',
      'new_certs_dir = $dir',
      'certificate = $dir/ca.pem',
      'private_key = $dir/ca.key',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      'copy_extensions = none',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
}

/** A leaf `<name>.key`/`<name>.pem` the CA signs for `san`, valid from `from` to `to` (epoch ms). */
function signLeaf(dir: string, openssl: OpenSsl, name: string, san: string, from: number, to: number): void {
  openssl('req', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName = ${san}\n`);
  openssl(
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    '-in',
    `${name}.csr`,
    '-out',
    `${name}.pem`,
    '-notext',
    '-startdate',
    asn1(new Date(from)),
    '-enddate',
    asn1(new Date(to)),
    '-extfile',
    `${name}.ext`,
  );
}

/** A localhost certificate no CA signed. */
function makeSelfSigned(openssl: OpenSsl): void {
  openssl(
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    'self-signed.key',
    '-out',
    'self-signed.pem',
    '-days',
    '90',
    '-subj',
    '/CN=localhost',
    '-addext',
    `subjectAltName=${LOCAL_NAMES}`,
  );
}

/**
 * A throw-away CA and leaf certificates made with the `openssl` CLI in a temp dir: a
 * valid one for localhost and 127.0.0.1, an expired one, one for another host, a
 * self-signed one, and two that expire soon (in 5 and in 20 days).
 */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'hasivu-certs-'));
  const at = (name: string): string => join(dir, name);
  const openssl: OpenSsl = (...args) =>
    void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 20_000 });
  makeCa(dir, openssl);
  const now = Date.now();
  const leaf = (name: CertificateCase, san: string, from: number, to: number): void =>
    signLeaf(dir, openssl, name, san, from, to);
  leaf('valid', LOCAL_NAMES, now - DAY_MS, now + 90 * DAY_MS);
  leaf('expired', LOCAL_NAMES, now - 60 * DAY_MS, now - 2 * DAY_MS);
  leaf('wrong-host', 'DNS:api.other.example', now - DAY_MS, now + 90 * DAY_MS);
  leaf('expiring-soon', LOCAL_NAMES, now - 80 * DAY_MS, now + 5 * DAY_MS + 3_600_000);
  leaf('expiring-in-20-days', LOCAL_NAMES, now - 60 * DAY_MS, now + 20 * DAY_MS + 3_600_000);
  makeSelfSigned(openssl);
  return {
    caFile: at('ca.pem'),
    keyAndCert: (kind) => ({
      key: readFileSync(at(`${kind}.key`), 'utf8'),
      cert: readFileSync(at(`${kind}.pem`), 'utf8'),
    }),
    [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }),
  };
}
