import type { Signer } from '@sigstore/sign';

/** Whoever signs attestations: a key from a file or the environment, or a KMS key. */
export interface AttestationSigner {
  signer: Signer;
  /** Where the key lives, for logs and the verdict: never the key itself. */
  description: string;
}
