import { request } from 'node:https';
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import { joinUrl } from '../../../fixtures/api-client/join-url.ts';

/** What one HTTPS exchange with the target shows about its transport. */
export interface TlsProbe {
  hostname: string;
  /** The chain verified against the trusted CAs (Node's store plus NODE_EXTRA_CA_CERTS). */
  chainTrusted: boolean;
  chainError: string | undefined;
  /** Why the certificate does not name the host, or undefined when it does. */
  hostnameError: string | undefined;
  validTo: Date;
  protocol: string | null;
  /** The Strict-Transport-Security header of the response, if any. */
  hsts: string | undefined;
}

/**
 * One GET of `/health/live` that accepts any certificate, so the chain, the host name,
 * the expiry and the protocol can each be judged and reported on their own rather than
 * as one connection error.
 */
export function probeTls(baseUrl: string, timeoutMs: number): Promise<TlsProbe> {
  const url = joinUrl(baseUrl, '/health/live');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const req = request(
      url, // The host name is judged on its own below, so `authorized` speaks of the chain alone.
      {
        method: 'GET',
        rejectUnauthorized: false,
        checkServerIdentity: () => undefined,
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const socket = res.socket as TLSSocket;
        const cert: PeerCertificate = socket.getPeerCertificate();
        res.resume();
        resolve({
          hostname,
          chainTrusted: socket.authorized,
          chainError: socket.authorizationError ? String(socket.authorizationError) : undefined,
          hostnameError: checkServerIdentity(hostname, cert)?.message,
          validTo: new Date(cert.valid_to),
          protocol: socket.getProtocol(),
          hsts:
            typeof res.headers['strict-transport-security'] === 'string'
              ? res.headers['strict-transport-security']
              : undefined,
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms (target.requestTimeoutMs)`)));
    req.on('error', (error) => reject(new Error(`TLS probe of ${url.origin} failed: ${error.message}`)));
    req.end();
  });
}

/** TLSv1.2 and TLSv1.3 are acceptable; SSLv3, TLSv1 and TLSv1.1 are broken or deprecated (RFC 8996). */
export function isModernTls(protocol: string | null): boolean {
  return protocol === 'TLSv1.2' || protocol === 'TLSv1.3';
}

/** `max-age` of an HSTS header in seconds, or undefined when it has none. */
export function hstsMaxAge(header: string | undefined): number | undefined {
  const match = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?/i.exec(header ?? '');
  return match ? Number(match[1]) : undefined;
}
