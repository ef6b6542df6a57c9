import { createHash } from 'node:crypto';
import { z } from 'zod';

export const orderRequestSchema = z.object({
  studentId: z.uuid(),
  deliveryDate: z.iso.date(),
  items: z
    .array(z.object({ menuItemId: z.uuid(), quantity: z.int().min(1).max(20) }))
    .min(1)
    .max(20)
    .refine((items) => new Set(items.map((item) => item.menuItemId)).size === items.length, {
      message: 'lists a menuItemId more than once; send each item once with its total quantity',
    }),
});

export type OrderRequest = z.output<typeof orderRequestSchema>;

/** Printable ASCII, like Stripe's keys; long enough for a UUID with a prefix. */
export const idempotencyKeySchema = z
  .string({ error: 'is required: send a unique Idempotency-Key header per new order' })
  .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 printable ASCII characters');

/**
 * A hash of the request as validated, with keys in a fixed order, so that whitespace or
 * key order in the JSON does not make the same order look like a different one.
 */
export function requestFingerprint(request: OrderRequest): string {
  const normalised = JSON.stringify([
    request.studentId,
    request.deliveryDate,
    request.items.map((item) => [item.menuItemId, item.quantity]),
  ]);
  return createHash('sha256').update(normalised).digest('hex');
}
