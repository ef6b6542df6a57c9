import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { HarnessError } from '../common/harness-error.ts';

/** A fresh secret for this process only: fine for a local fixture, useless to anyone who reads a log. */
const randomSecret = (): string => randomBytes(32).toString('base64url');

/** An empty variable means "not set": shells and CI often export `FOO=` to clear a value. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

/**
 * The platform's configuration, read from environment variables. The schema is the
 * documentation: every field says what it is for and what the local default is.
 */
export const platformEnvSchema = z.object({
  HASIVU_DEMO_PARENT_EMAIL: optional(z.email().default('parent@demo.hasivu.test')).meta({
    description: 'Login of the seeded demo parent (default parent@demo.hasivu.test).',
  }),
  HASIVU_DEMO_PARENT_PASSWORD: optional(z.string().min(8).default('demo-parent-password')).meta({
    description:
      'Password of the seeded demo parent (default demo-parent-password). Secret: never logged.',
  }),
  HASIVU_SECOND_PARENT_EMAIL: optional(z.email().default('second-parent@demo.hasivu.test')).meta({
    description:
      "Login of a second seeded parent, so suites can check that one parent cannot see another's orders (default second-parent@demo.hasivu.test).",
  }),
  HASIVU_SECOND_PARENT_PASSWORD: optional(
    z.string().min(8).default('demo-second-parent-password'),
  ).meta({
    description:
      'Password of the second seeded parent (default demo-second-parent-password). Secret: never logged.',
  }),
  HASIVU_WEBHOOK_SECRET: optional(z.string().min(8).default('local-webhook-secret')).meta({
    description:
      'Razorpay webhook secret: the key of the HMAC-SHA256 in x-razorpay-signature (default local-webhook-secret). Secret.',
  }),
  HASIVU_JWT_SECRET: optional(z.string().min(32).default(randomSecret)).meta({
    description:
      'HS256 key for access tokens, at least 32 characters (default: random per process, so tokens die with it). Secret.',
  }),
  HASIVU_ADMIN_TOKEN: optional(z.string().min(16).default(randomSecret)).meta({
    description:
      'Token for the local-only /_control/ API, sent as x-admin-token (default: random per process). Secret.',
  }),
  HASIVU_STORAGE_DIR: optional(z.string().optional()).meta({
    description:
      'Directory used as the object store (default: a hasivu-verify-storage-* temp dir, removed on close).',
  }),
  HASIVU_RELEASE_ID: optional(z.string().min(1).default('local-1')).meta({
    description:
      'Release reported as releaseId by the health endpoints, like a Lambda version or commit (default local-1).',
  }),
});

export interface PlatformConfig {
  demoParent: { email: string; password: string };
  secondParent: { email: string; password: string };
  webhookSecret: string;
  jwtSecret: string;
  adminToken: string;
  /** Undefined: the platform makes (and later removes) a temp dir. */
  storageDir: string | undefined;
  releaseId: string;
}

/** Reads the config, reporting every bad variable at once, named, with its rule. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv): PlatformConfig {
  const parsed = platformEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new HarnessError(
      'INVALID_PLATFORM_CONFIG',
      `Invalid platform environment:\n${z.prettifyError(parsed.error)}`,
    );
  }
  const e = parsed.data;
  return {
    demoParent: {
      email: e.HASIVU_DEMO_PARENT_EMAIL.toLowerCase(),
      password: e.HASIVU_DEMO_PARENT_PASSWORD,
    },
    secondParent: {
      email: e.HASIVU_SECOND_PARENT_EMAIL.toLowerCase(),
      password: e.HASIVU_SECOND_PARENT_PASSWORD,
    },
    webhookSecret: e.HASIVU_WEBHOOK_SECRET,
    jwtSecret: e.HASIVU_JWT_SECRET,
    adminToken: e.HASIVU_ADMIN_TOKEN,
    storageDir: e.HASIVU_STORAGE_DIR,
    releaseId: e.HASIVU_RELEASE_ID,
  };
}
