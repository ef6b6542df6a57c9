import { z } from 'zod';

/**
 * The contract between runners and the scorecard. Every runner (vitest suites, k6,
 * the drill engine) produces one RunResult; the scorecard reads nothing else.
 */
export const RUN_KINDS = ['smoke', 'contract', 'integration', 'load', 'chaos'] as const;
export const CATEGORIES = [
  'health',
  'smoke',
  'contract',
  'integration',
  'performance',
  'resilience',
  'security',
] as const;
export const SEVERITIES = ['critical', 'major', 'minor'] as const;
/**
 * `error` means the check could not run at all, which is different from running and failing.
 * `blocked` means it was not attempted because a check it depends on (`blockedBy`) failed first,
 * e.g. every authenticated check after a failed login: the root cause is reported once, its
 * dependents are counted apart and never repeat its message as failures of their own.
 */
export const STATUSES = ['pass', 'fail', 'warn', 'skip', 'error', 'blocked'] as const;

/**
 * A skip message that starts with this says the check does not apply to this target (a TLS
 * check of an http:// target), rather than that it could have run: the scorecard then says
 * so once instead of asking for it to be run again.
 */
export const NOT_APPLICABLE = 'not applicable: ';

/**
 * A warning whose message starts with this is a target breaking only the project's addition
 * to the published contract (docs/contract.md): it is shown, but it costs the score nothing,
 * since a deployment that honours PLATFORM-API.md must not be held back by it.
 */
export const PROJECT_ADDITION_NOTE = "the project's addition, not the published contract";

export const RunKindSchema = z.enum(RUN_KINDS);
export const CategorySchema = z.enum(CATEGORIES);
export const SeveritySchema = z.enum(SEVERITIES);
export const StatusSchema = z.enum(STATUSES);

export const MeasuredSchema = z
  .object({
    value: z.number().meta({ description: 'The measured number, e.g. 83' }),
    unit: z.string().meta({ description: 'Its unit, e.g. "ms", "%", "req/s"' }),
    target: z.string().optional().meta({ description: 'The target it is judged against, e.g. "<100"' }),
  })
  .strict();

export const CheckSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.:-]*$/i)
      .meta({ description: "Stable identifier, e.g. 'smoke.health.comprehensive.latency'" }),
    title: z.string().min(1),
    category: CategorySchema,
    severity: SeveritySchema,
    status: StatusSchema,
    measured: MeasuredSchema.optional(),
    message: z.string().optional().meta({ description: 'Why it failed, in words a person can act on' }),
    evidence: z.array(z.string()).optional().meta({ description: 'Paths or URLs of raw evidence' }),
    blockedBy: z
      .string()
      .optional()
      .meta({ description: 'For status `blocked`: the id of the failed check this one depends on (the root cause)' }),
    durationMs: z.number().nonnegative(),
  })
  .strict()
  .refine((check) => (check.status === 'blocked') === (check.blockedBy !== undefined), {
    message: 'blockedBy is set exactly when status is "blocked" (it names the root-cause check)',
    path: ['blockedBy'],
  });

/** What a result was about and where it came from, so a gate can tell evidence about different releases apart. */
export const ProvenanceSchema = z
  .object({
    releaseId: z.string().optional().meta({ description: "The target's releaseId from /health when the run started" }),
    commit: z
      .string()
      .optional()
      .meta({ description: 'The git commit of the pipeline run (GITHUB_SHA or HARNESS_COMMIT)' }),
    runUrl: z.string().optional().meta({ description: 'The CI run that produced it (GitHub Actions run URL)' }),
    harnessVersion: z.string().meta({ description: 'hasivu-verify version that wrote it' }),
  })
  .strict();

export const RunResultSchema = z
  .object({
    kind: RunKindSchema,
    environment: z.string().meta({ description: 'Profile name' }),
    target: z.string().meta({ description: 'Base URL of the platform under test' }),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    tool: z.object({ name: z.string(), version: z.string() }).strict(),
    checks: z.array(CheckSchema),
    aborted: z.object({ reason: z.string() }).strict().optional(),
    provenance: ProvenanceSchema.optional(),
  })
  .strict();

export type RunKind = z.infer<typeof RunKindSchema>;
export type Category = z.infer<typeof CategorySchema>;
export type Severity = z.infer<typeof SeveritySchema>;
export type Status = z.infer<typeof StatusSchema>;
export type Measured = z.infer<typeof MeasuredSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type RunResult = z.infer<typeof RunResultSchema>;
export type Provenance = z.infer<typeof ProvenanceSchema>;
