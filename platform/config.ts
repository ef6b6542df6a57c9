import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ReleaseBehaviour } from '../common/aws-shapes/lambda.ts';
import { HarnessError } from '../common/harness-error.ts';
import { isLoopbackUrl } from './cloudwatch/loopback-url.ts';
import { MISBEHAVIOURS, type Misbehaviour } from './misbehaviour.ts';

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
    description: 'Password of the seeded demo parent (default demo-parent-password). Secret: never logged.',
  }),
  HASIVU_SECOND_PARENT_EMAIL: optional(z.email().default('second-parent@demo.hasivu.test')).meta({
    description:
      "Login of a second seeded parent, so suites can check that one parent cannot see another's orders (default second-parent@demo.hasivu.test).",
  }),
  HASIVU_SECOND_PARENT_PASSWORD: optional(z.string().min(8).default('demo-second-parent-password')).meta({
    description: 'Password of the second seeded parent (default demo-second-parent-password). Secret: never logged.',
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
    description: 'Directory used as the object store (default: a hasivu-verify-storage-* temp dir, removed on close).',
  }),
  HASIVU_RELEASE_ID: optional(z.string().min(1).default('local-1')).meta({
    description:
      'Release reported as releaseId by the health endpoints, like a Lambda version or commit (default local-1).',
  }),
  HASIVU_RELEASE_ERROR_RATE: optional(z.coerce.number().min(0).max(1).default(0)).meta({
    description:
      'Bad-release knob: share of invocations (0-1) that throw, as a broken build would (default 0). Set per published version.',
  }),
  HASIVU_RELEASE_ADDED_LATENCY_MS: optional(z.coerce.number().int().min(0).max(60_000).default(0)).meta({
    description: 'Bad-release knob: milliseconds added to every invocation (default 0).',
  }),
  HASIVU_RELEASE_STATUS_CODE: optional(z.coerce.number().int().min(100).max(599).optional()).meta({
    description: 'Bad-release knob: answer every invocation with this HTTP status (default: unset).',
  }),
  HASIVU_ADDED_DELAY_MS: optional(
    z
      .string()
      .regex(
        /^\s*[A-Za-z][A-Za-z0-9]*:\d{1,5}\s*(,\s*[A-Za-z][A-Za-z0-9]*:\d{1,5}\s*)*$/,
        'must be <function>:<ms>[,<function>:<ms>], e.g. getMenu:5',
      )
      .optional(),
  ).meta({
    description:
      'Milliseconds added before the named functions answer, e.g. getMenu:5 (a known slowdown of one endpoint, to check the load regression gate) (default: none).',
  }),
  HASIVU_INSTANCE_POOL_MAX: optional(z.coerce.number().int().min(1).max(20).default(2)).meta({
    description:
      'Postgres connections per function-version instance (worker); keep instances x this under max_connections (default 2).',
  }),
  HASIVU_ISOLATE_ALL_VERSIONS: optional(z.enum(['on', 'off']).default('off')).meta({
    description:
      'on: version 1 of every function also runs in its own worker; off (default): version 1 runs in the platform process, published versions in workers.',
  }),
  HASIVU_METRIC_PERIOD_MS: optional(z.coerce.number().int().min(50).max(60_000).default(1000)).meta({
    description:
      'Local length of a 60-second CloudWatch period: alarm Period p seconds lasts p/60 of this (default 1000).',
  }),
  HASIVU_DEPLOY_MINUTE_MS: optional(z.coerce.number().int().min(10).max(60_000).default(1000)).meta({
    description: 'Local length of one minute of a CodeDeploy interval (canaryInterval, linearInterval) (default 1000).',
  }),
  HASIVU_AUTO_ROLLBACK: optional(z.enum(['on', 'off']).default('on')).meta({
    description: 'off: deployments ignore alarms (no automatic rollback; alarms still fire and notify) (default on).',
  }),
  HASIVU_TEST_MISBEHAVIOUR: optional(
    z
      .string()
      .transform((value) => value.split(',').map((name) => name.trim()))
      .pipe(z.array(z.enum(MISBEHAVIOURS)))
      .default([]),
  ).meta({
    description: `Test only: comma-separated quiet bugs to switch on, so tests can prove the drills catch them: ${MISBEHAVIOURS.join(', ')} (platform/misbehaviour.ts) (default: none).`,
  }),
  HASIVU_ALARM_ACTIONS: optional(
    z
      .string()
      .refine(
        (value) => value.split(',').every((url) => isLoopbackUrl(url.trim())),
        'must be comma-separated http URLs on this machine (127.0.0.1, ::1 or localhost)',
      )
      .optional(),
  ).meta({
    description: 'Loopback URLs that the seed alarms notify (SNS-shaped POST) on every state change (default: none).',
  }),
  HASIVU_EMULATION_TICK_MS: optional(z.coerce.number().int().min(10).max(5000).default(100)).meta({
    description: 'How often alarms are evaluated and deployments and experiments advance (default 100).',
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
  release: ReleaseBehaviour;
  /** Function name → milliseconds added before it answers (HASIVU_ADDED_DELAY_MS). */
  addedDelays: Record<string, number>;
  instancePoolMax: number;
  isolateAllVersions: boolean;
  metricPeriodMs: number;
  deployMinuteMs: number;
  autoRollback: boolean;
  emulationTickMs: number;
  alarmActions: string[];
  /** Test-only bugs switched on (HASIVU_TEST_MISBEHAVIOUR); empty on an honest platform. */
  misbehaviour: readonly Misbehaviour[];
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
    release: {
      ...(e.HASIVU_RELEASE_ERROR_RATE > 0 ? { errorRate: e.HASIVU_RELEASE_ERROR_RATE } : {}),
      ...(e.HASIVU_RELEASE_ADDED_LATENCY_MS > 0 ? { addedLatencyMs: e.HASIVU_RELEASE_ADDED_LATENCY_MS } : {}),
      ...(e.HASIVU_RELEASE_STATUS_CODE !== undefined ? { statusCode: e.HASIVU_RELEASE_STATUS_CODE } : {}),
    },
    addedDelays: Object.fromEntries(
      (e.HASIVU_ADDED_DELAY_MS?.split(',') ?? []).map((pair) => {
        const [name = '', ms = '0'] = pair.trim().split(':');
        return [name, Number(ms)];
      }),
    ),
    instancePoolMax: e.HASIVU_INSTANCE_POOL_MAX,
    isolateAllVersions: e.HASIVU_ISOLATE_ALL_VERSIONS === 'on',
    metricPeriodMs: e.HASIVU_METRIC_PERIOD_MS,
    deployMinuteMs: e.HASIVU_DEPLOY_MINUTE_MS,
    autoRollback: e.HASIVU_AUTO_ROLLBACK === 'on',
    emulationTickMs: e.HASIVU_EMULATION_TICK_MS,
    alarmActions: e.HASIVU_ALARM_ACTIONS?.split(',').map((url) => url.trim()) ?? [],
    misbehaviour: e.HASIVU_TEST_MISBEHAVIOUR,
  };
}
