import { z } from 'zod';

/** PLATFORM-API.md's shapes, strict where the contract fixes the fields, so a test notices drift. */

const isoTime = z.iso.datetime({ offset: false });
const currency = z.literal('INR');

export const errorEnvelopeSchema = z
  .object({
    error: z
      .object({
        code: z.string().regex(/^[A-Z][A-Z_]*$/),
        message: z.string().min(1),
        requestId: z.string().min(1),
        details: z.record(z.string(), z.array(z.string())).optional(),
      })
      .strict(),
  })
  .strict();

export const loginResponseSchema = z
  .object({
    accessToken: z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    tokenType: z.literal('Bearer'),
    expiresIn: z.literal(3600),
    user: z.object({
      id: z.uuid(),
      role: z.enum(['parent', 'school_admin']),
      schoolId: z.uuid(),
      students: z.array(z.object({ id: z.uuid(), name: z.string().min(1) })),
    }),
  })
  .strict();

export const menuResponseSchema = z
  .object({
    schoolId: z.uuid(),
    date: z.iso.date(),
    items: z
      .array(
        z
          .object({
            id: z.uuid(),
            name: z.string().min(1),
            category: z.string().min(1),
            priceMinor: z.int().positive(),
            currency,
            available: z.boolean(),
            allergens: z.array(z.string()),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const orderResponseSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending_payment', 'paid']),
    studentId: z.uuid(),
    deliveryDate: z.iso.date(),
    items: z
      .array(z.object({ menuItemId: z.uuid(), name: z.string(), quantity: z.int().positive(), unitPriceMinor: z.int().positive() }))
      .min(1),
    totalMinor: z.int().positive(),
    currency,
    createdAt: isoTime,
  })
  .strict();

export const paymentIntentSchema = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    provider: z.literal('razorpay'),
    providerOrderId: z.string().regex(/^order_[A-Za-z0-9]{14}$/),
    amountMinor: z.int().positive(),
    currency,
    status: z.literal('created'),
  })
  .strict();

const checkSchema = z.object({
  componentType: z.string(),
  observedValue: z.number().optional(),
  observedUnit: z.string().optional(),
  status: z.enum(['pass', 'warn', 'fail']),
  time: isoTime,
  output: z.string().optional(),
});

export const healthSchema = z.object({
  status: z.enum(['pass', 'warn', 'fail']),
  version: z.string(),
  releaseId: z.string().min(1),
  serviceId: z.literal('hasivu-platform'),
  description: z.string(),
  checks: z.record(z.string(), z.array(checkSchema).min(1)),
});
