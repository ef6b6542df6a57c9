/**
 * One order the drill's traffic tried to place, and what it learned. `unknown` means no answer
 * came (a timeout or a dropped connection): the order may or may not exist, so it is reported,
 * never counted as lost.
 */
export interface OrderWrite {
  /** The client-generated Idempotency-Key: the write's identity on both sides. */
  key: string;
  /** Epoch ms when the request was sent and when its answer (or the give-up) came. */
  sentAt: number;
  endedAt?: number;
  outcome?: 'acknowledged' | 'failed' | 'unknown';
  status?: number;
  orderId?: string;
  totalMinor?: number;
  /** `x-amz-executed-version`: which Lambda version ran it. */
  executedVersion?: string;
  latencyMs?: number;
  error?: string;
}

/** A response the drill counts as a fault: not acknowledged, or slower than the drill allows. */
export function isFault(write: OrderWrite, slowMs: number): boolean {
  if (write.outcome === undefined) return false;
  return write.outcome !== 'acknowledged' || (write.latencyMs ?? 0) > slowMs;
}
