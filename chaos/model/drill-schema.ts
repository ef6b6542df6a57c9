import { z } from 'zod';
import { ALARM_STATES } from '../../common/aws-shapes/cloudwatch.ts';
import { DEPLOYMENT_STATUSES } from '../../common/aws-shapes/codedeploy.ts';
import {
  FIS_EXPERIMENT_STATES,
  FIS_LAMBDA_ACTIONS,
  LOCAL_SERVICES,
  type LocalService,
} from '../../common/aws-shapes/fis.ts';

/**
 * A drill, in the shape Chaos Toolkit users know: a steady-state hypothesis checked before
 * and after, a method run in order, and rollbacks that always run. A drill is data (JSON);
 * this schema is its documentation, and `.strict()` turns a typo into an error naming the field.
 */
const ms = (description: string) => z.number().int().positive().meta({ description });
const timeoutMs = ms('How long this step may wait for its condition before it fails');

/**
 * A Lambda version: a number, or a name the engine fills in while the drill runs.
 * `$previous` is the alias's version when the drill started; `$canary` the version it published.
 */
export const VersionRefSchema = z
  .string()
  .regex(/^(\$previous|\$canary|[1-9][0-9]*)$/, 'use $previous, $canary or a version number')
  .meta({
    description: '`$previous` (the alias version at the start), `$canary` (published by this drill) or a number',
  });

const ServiceSchema = z.enum(LOCAL_SERVICES as [LocalService, ...LocalService[]]).meta({
  description:
    'A dependency of the platform: postgres (aws:rds:reboot-db-instances on AWS) or redis (aws:elasticache:replicationgroup-interrupt-az-power)',
});

const named = {
  name: z.string().min(1).meta({ description: 'What this step does, in words; shown in the plan and the journal' }),
};

/**
 * One step of a drill: its name, whether it changes the target or only looks (`type`), the
 * runner that executes it (`run`, the key every union below dispatches on) and that runner's
 * fields. Every step is `.strict()` so a misspelt field is an error, never silently ignored.
 */
function step<const Type extends 'action' | 'probe', const Run extends string, Fields extends z.ZodRawShape>(
  type: Type,
  run: Run,
  fields: Fields,
  description: string,
) {
  return z
    .object({ ...named, type: z.literal(type), run: z.literal(run), ...fields })
    .strict()
    .meta({ description });
}

// Actions: the steps that change the target. Each one has a rollback in the same drill.
const PublishVersion = step(
  'action',
  'publish-version',
  {
    description: z.string().optional().meta({ description: 'Description of the new version' }),
    behaviour: z
      .object({
        errorRate: z.number().min(0).max(1).optional().meta({ description: 'Share of invocations that throw' }),
        addedLatencyMs: z
          .number()
          .int()
          .min(0)
          .optional()
          .meta({ description: 'Milliseconds added to every invocation' }),
        statusCode: z
          .number()
          .int()
          .min(100)
          .max(599)
          .optional()
          .meta({ description: 'Answer every invocation with this status' }),
      })
      .strict()
      .optional()
      .meta({ description: 'A deliberately bad release (local only); absent for a good one' }),
  },
  'Publish a new version of the drill function; it becomes `$canary`',
);

const StartDeployment = step(
  'action',
  'start-deployment',
  {
    version: VersionRefSchema,
    canaryPercentage: z
      .number()
      .min(1)
      .max(99)
      .meta({ description: 'Share of traffic the canary gets first (TimeBasedCanary)' }),
    canaryInterval: z.number().positive().meta({
      description:
        "CodeDeploy's canaryInterval: bake time before the rest shifts (minutes on AWS; scaled down locally, docs/chaos.md)",
    }),
    alarms: z.array(z.string().min(1)).meta({ description: 'Alarms that stop the deployment' }),
    autoRollback: z
      .boolean()
      .meta({ description: 'Ask for DEPLOYMENT_FAILURE and DEPLOYMENT_STOP_ON_ALARM rollbacks' }),
  },
  'Start a CodeDeploy-like canary deployment of the alias to `version`',
);

const StartExperiment = step(
  'action',
  'start-experiment',
  {
    actionId: z.enum(FIS_LAMBDA_ACTIONS).meta({ description: 'The FIS action to inject' }),
    version: VersionRefSchema.optional().meta({ description: 'Target only this version; absent targets the function' }),
    parameters: z.record(z.string(), z.string()).meta({ description: 'FIS parameters, as strings ("100", "PT1M")' }),
    stopOnAlarm: z.string().optional().meta({ description: 'An alarm that stops the experiment (FIS stop condition)' }),
  },
  'Start a FIS experiment with one Lambda action against the drill function',
);

const ServiceAction = z
  .object({
    ...named,
    type: z.literal('action'),
    run: z.enum(['stop-service', 'start-service']),
    service: ServiceSchema,
  })
  .strict()
  .meta({ description: 'Stop or start Postgres or Redis under the platform' });

const StopExperiments = step('action', 'stop-experiments', {}, 'Stop every experiment this drill started (rollback)');

const StopDeployment = step(
  'action',
  'stop-deployment',
  {},
  "Stop this drill's deployment, if still running, and shift traffic back (rollback)",
);

const RestoreAlias = step(
  'action',
  'restore-alias',
  { version: VersionRefSchema },
  'Point the alias at `version` with no extra weight (rollback of last resort)',
);

// Probes: read-only steps. The wait-for-* ones wait on a condition with a deadline instead of pausing.
const HttpProbe = step(
  'probe',
  'http',
  {
    method: z.enum(['GET', 'POST']).default('GET').meta({ description: 'GET, or POST for the order route' }),
    path: z.string().startsWith('/').meta({ description: 'Path on the target, e.g. /health/ready' }),
    tolerance: z.number().int().min(100).max(599).meta({ description: 'The status code the probe must see' }),
    timeoutMs: timeoutMs
      .optional()
      .meta({ description: 'Wait until the status matches, up to this long; absent = one try' }),
    marks: z.enum(['fault', 'healthy']).optional().meta({
      description:
        'Record when the tolerance is met as the first observed fault, or as health recovery (a figure of its own; MTTR ends only when orders succeed)',
    }),
  },
  'An HTTP request whose status must equal the tolerance',
);

const AliasProbe = step(
  'probe',
  'alias',
  {
    version: VersionRefSchema.optional().meta({
      description: 'The version it must be on; absent = any version, as long as there is no extra weight',
    }),
    timeoutMs: timeoutMs.optional().meta({ description: 'Wait until it holds, up to this long; absent = one look' }),
    failure: z.string().optional().meta({ description: 'The message when it does not hold in time' }),
    marks: z
      .enum(['rollback'])
      .optional()
      .meta({ description: 'Record when it holds as the moment the rollback completed' }),
  },
  'The alias routes all traffic to one version (`version`, if given), with no extra weight',
);

const AlarmProbe = step(
  'probe',
  'alarm',
  {
    alarm: z.string().min(1).meta({ description: 'Alarm name' }),
    state: z.enum(ALARM_STATES).meta({ description: 'The state it must reach' }),
    timeoutMs: timeoutMs.optional(),
  },
  'An alarm is in `state` (its history gives the time it changed)',
);

const AlarmNotificationProbe = step(
  'probe',
  'alarm-notification',
  {
    alarm: z.string().min(1).meta({
      description:
        'Alarm name; locally the drill subscribes a receiver of its own to it, on AWS its Action history is read',
    }),
    state: z.enum(ALARM_STATES).meta({ description: 'The state the notification must announce' }),
    timeoutMs,
  },
  "The alarm's SNS-shaped notification of `state` reached a subscriber (on AWS: CloudWatch executed the alarm's SNS action): alerting works, not just the alarm",
);

const DeploymentProbe = step(
  'probe',
  'deployment',
  {
    status: z.array(z.enum(DEPLOYMENT_STATUSES)).min(1).meta({ description: 'Any of these statuses passes' }),
    rolledBack: z.boolean().optional().meta({ description: 'True: `rollbackInfo` must be present; false: absent' }),
    timeoutMs,
  },
  "This drill's deployment reaches one of the statuses",
);

const ExperimentProbe = step(
  'probe',
  'experiments',
  {
    status: z
      .array(z.enum(FIS_EXPERIMENT_STATES))
      .min(1)
      .meta({ description: 'Every experiment of this drill is in one of these' }),
    timeoutMs,
  },
  'Every experiment this drill started reaches one of the states',
);

const NoRunningExperiments = step(
  'probe',
  'no-running-experiments',
  {},
  'No experiment on the target is pending, initiating, running or stopping',
);

const DeploymentReady = step(
  'probe',
  'deployment-ready',
  {
    timeoutMs: timeoutMs.optional().meta({ description: 'Wait until it holds, up to this long; absent = one look' }),
  },
  "The world is steady for a deployment: no alarm the drill's deployments watch is in ALARM, the alias has no extra weight, no experiment runs. Added before the steady state of every drill that deploys",
);

const TrafficProbe = step(
  'probe',
  'traffic',
  {
    condition: z.enum(['acknowledged', 'fault', 'recovered']).meta({
      description:
        '`acknowledged`: `count` orders acknowledged; `fault`: the first failed or slow response; ' +
        '`recovered`: `count` consecutive successes in a row, all on the alias version',
    }),
    count: z.number().int().positive().default(5).meta({ description: 'How many (acknowledged or consecutive)' }),
    version: VersionRefSchema.optional().meta({
      description: '`recovered` only: the version every response must come from',
    }),
    timeoutMs,
    failure: z.string().optional().meta({ description: 'The message when the condition is not met in time' }),
  },
  "Waits on what the drill's order traffic sees",
);

// Each step listed once: the action and probe unions and the union of both cannot disagree.
const ACTIONS = [
  PublishVersion,
  StartDeployment,
  StartExperiment,
  ServiceAction,
  StopExperiments,
  StopDeployment,
  RestoreAlias,
] as const;
const PROBES = [
  HttpProbe,
  AliasProbe,
  AlarmProbe,
  AlarmNotificationProbe,
  DeploymentProbe,
  ExperimentProbe,
  NoRunningExperiments,
  DeploymentReady,
  TrafficProbe,
] as const;

export const ActionSchema = z.discriminatedUnion('run', ACTIONS);
export const ProbeSchema = z.discriminatedUnion('run', PROBES);
/** One union keyed by `run`, so an unknown step is one error that lists every known one. */
export const ActivitySchema = z.discriminatedUnion('run', [...ACTIONS, ...PROBES]);

export const TrafficSchema = z
  .object({
    ratePerSecond: z
      .number()
      .positive()
      .max(200)
      .meta({ description: 'Orders started per second (open model: arrivals never wait)' }),
    maxRequests: z
      .number()
      .int()
      .positive()
      .max(20_000)
      .meta({ description: 'Hard cap on orders sent, whatever happens' }),
    requestTimeoutMs: ms('One order request may take this long; later it counts as unknown'),
    slowMs: ms('A response slower than this is a fault (for latency drills)'),
    verification: z
      .object({
        detectRate: z
          .number()
          .gt(0)
          .lt(1)
          .default(0.01)
          .meta({ description: 'The smallest leak or failure share the window must be able to show (default 0.01)' }),
        confidence: z.number().gt(0).lt(1).default(0.95).meta({
          description: 'With this probability (default 0.95): together they size the window, about 300 requests',
        }),
        maxMs: ms('The window never lasts longer than this, whatever the rate (default 20000)').default(20_000),
        ratePerSecond: z.number().positive().max(200).optional().meta({
          description:
            "Orders started per second during the window (default: the drill's rate); the window needs about 300 answered orders, so this sets how long it takes. Capped by protections.maxRequestRate",
        }),
      })
      .strict()
      .default({ detectRate: 0.01, confidence: 0.95, maxMs: 20_000 })
      .meta({
        description:
          'After recovery, orders keep flowing for a window sized to see a `detectRate` leak with `confidence`',
      }),
  })
  .strict()
  .meta({ description: 'Real orders through the alias during the whole drill' });

export const DrillSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .meta({ description: 'Kebab-case name; check ids start with chaos.<name>' }),
    title: z.string().min(1).meta({ description: 'One line: what the drill proves' }),
    description: z.string().optional().meta({ description: 'Longer explanation for the docs and the plan' }),
    severity: z
      .enum(['critical', 'major', 'minor'])
      .default('major')
      .meta({ description: "Severity of the drill's outcome check; the no-data-loss check is always critical" }),
    function: z.string().min(1).meta({ description: 'The Lambda function the drill releases to or faults' }),
    alias: z.string().min(1).default('live').meta({ description: 'The alias that carries traffic' }),
    requires: z
      .array(z.enum(['release-control', 'fault-injection', 'service-control']))
      .default(['release-control'])
      .meta({ description: 'Capabilities the target must offer; a drill without them is skipped with the reason' }),
    deadlineMs: ms('The whole drill must end within this; past it the drill is an error, and rollbacks still run'),
    traffic: TrafficSchema.optional(),
    expect: z
      .object({
        recovery: z
          .boolean()
          .default(true)
          .meta({ description: 'Measure MTTR and compare it with profile.sla.mttrMs' }),
        zeroFailedRequests: z
          .boolean()
          .default(false)
          .meta({ description: 'Every order during the drill must succeed' }),
        serviceDuringFault: z
          .object({
            minSuccessRate: z
              .number()
              .min(0)
              .max(1)
              .meta({ description: 'Share of the orders sent during the fault that must be acknowledged' }),
          })
          .strict()
          .optional()
          .meta({
            description: 'The drill claims orders keep working during the fault (fault started → service back)',
          }),
      })
      .strict()
      .default({ recovery: true, zeroFailedRequests: false })
      .meta({ description: 'What the drill judges beyond its steps' }),
    steadyStateHypothesis: z
      .object({
        title: z.string().min(1),
        probes: z.array(ProbeSchema).min(1),
      })
      .strict()
      .meta({ description: 'Probes that must all hold before the method and again after it' }),
    method: z
      .array(ActivitySchema)
      .min(1)
      .meta({ description: 'Actions and probes, in order; the first failure ends the method' }),
    rollbacks: z
      .array(ActionSchema)
      .meta({ description: 'Always run, in order, whatever happened; one failing never stops the others' }),
  })
  .strict();

export type Drill = z.infer<typeof DrillSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Probe = z.infer<typeof ProbeSchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type TrafficSettings = z.infer<typeof TrafficSchema>;
