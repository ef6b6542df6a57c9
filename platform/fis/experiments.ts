import { randomBytes } from 'node:crypto';
import type { AlarmState } from '../../common/aws-shapes/cloudwatch.ts';
import {
  FIS_FINAL_STATES,
  FIS_LAMBDA_ACTIONS,
  FIS_LAMBDA_TARGET_TYPE,
  FIS_SERVICE_ACTIONS,
  isFisServiceAction,
  type FisExperiment,
  type FisExperimentAction,
  type FisExperimentDefinition,
  type FisLambdaActionId,
  type FisExperimentStatus,
} from '../../common/aws-shapes/fis.ts';
import { validationFailed, foundOr404 } from '../http/api-error.ts';
import { faultHits, readLambdaFault, type LambdaFault } from './lambda-fault.ts';
import { readServiceOutage, type ServiceControls, type ServiceOutage } from './service-outage.ts';

export interface ExperimentsOptions {
  alarmState: (name: string) => AlarmState | undefined;
  functionExists: (name: string, version?: string) => boolean;
  /** The platform's Postgres and Redis, when its starter lends them: then the service actions run too. */
  services?: ServiceControls;
}

/** StartExperiment's body before its action ids and target types are known to be valid. */
export type ExperimentInput = Omit<FisExperimentDefinition, 'actions' | 'targets'> & {
  /** The template it was started from, when it was (StartExperiment on AWS always names one). */
  experimentTemplateId?: string;
  actions: Record<string, Omit<FisExperimentAction, 'actionId'> & { actionId: string }>;
  targets: Record<string, { resourceType: string; resourceArns: string[]; selectionMode: string }>;
};

interface Experiment {
  experiment: FisExperiment;
  faults: Map<string, LambdaFault>;
  outages: Map<string, ServiceOutage>;
  skip: boolean;
}

const newId = (): string =>
  `EXP${randomBytes(9)
    .toString('base64url')
    .replaceAll(/[^A-Za-z0-9]/g, 'x')}`;
const isFinal = (status: string): boolean => (FIS_FINAL_STATES as readonly string[]).includes(status);
/** A stop condition names an alarm by name locally, or by ARN as on AWS. */
const alarmName = (value: string): string => value.replace(/^arn:aws:cloudwatch:[^:]*:[^:]*:alarm:/, '');

/**
 * FIS experiments on Lambda functions: `pending → initiating → running → completed`, or
 * `stopping → stopped` on request or when a stop-condition alarm is in ALARM, or `failed`
 * when a target does not resolve. Each step happens on `tick(now)`; `skip-all` runs the
 * states and injects nothing.
 */
export class Experiments {
  readonly #options: ExperimentsOptions;
  readonly #experiments = new Map<string, Experiment>();

  constructor(options: ExperimentsOptions) {
    this.#options = options;
  }

  start(input: ExperimentInput, now: Date): FisExperiment {
    const problems: Record<string, string[]> = {};
    const faults = new Map<string, LambdaFault>();
    const outages = new Map<string, ServiceOutage>();
    const { services } = this.#options;
    for (const [name, action] of Object.entries(input.actions)) {
      if (isFisServiceAction(action.actionId) && services) {
        const { actionId } = action;
        outages.set(name, readServiceOutage(name, { ...action, actionId }, input.targets, services, problems));
        continue;
      }
      if (!(FIS_LAMBDA_ACTIONS as readonly string[]).includes(action.actionId)) {
        problems[`actions.${name}.actionId`] = [
          isFisServiceAction(action.actionId)
            ? `${action.actionId} is an outage of ${FIS_SERVICE_ACTIONS[action.actionId].service}: the harness runs it by stopping and starting the server, not the platform`
            : `${action.actionId} is not an action the platform runs; use one of ${FIS_LAMBDA_ACTIONS.join(', ')}`,
        ];
        continue;
      }
      const actionId = action.actionId as FisLambdaActionId;
      faults.set(name, readLambdaFault(name, { ...action, actionId }, input.targets, problems));
    }
    if (faults.size + outages.size === 0 && !problems.actions) problems.actions = ['must hold at least one action'];
    const serviceTargets: string[] = services
      ? Object.values(FIS_SERVICE_ACTIONS).map((shape) => shape.targetType)
      : [];
    for (const [name, target] of Object.entries(input.targets))
      if (target.resourceType !== FIS_LAMBDA_TARGET_TYPE && !serviceTargets.includes(target.resourceType))
        problems[`targets.${name}.resourceType`] ??= [
          `must be ${[FIS_LAMBDA_TARGET_TYPE, ...serviceTargets].join(' or ')}`,
        ];
    for (const [index, condition] of input.stopConditions.entries()) {
      if (condition.source !== 'aws:cloudwatch:alarm') continue;
      if (!condition.value || this.#options.alarmState(alarmName(condition.value)) === undefined)
        problems[`stopConditions.${index}.value`] = [`no alarm named ${JSON.stringify(condition.value ?? '')}`];
    }
    if (Object.keys(problems).length > 0) throw validationFailed(problems);
    // Every action id and target type was checked above.
    const definition = input as FisExperimentDefinition;
    const experiment: FisExperiment = {
      ...structuredClone(definition),
      id: newId(),
      state: { status: 'pending', reason: 'Experiment is pending.' },
      actions: Object.fromEntries(
        Object.entries(definition.actions).map(([name, action]) => [
          name,
          { ...structuredClone(action), state: { status: 'pending', reason: 'Initial state' } },
        ]),
      ),
      creationTime: now.toISOString(),
    };
    const skip = definition.experimentOptions?.actionsMode === 'skip-all';
    this.#experiments.set(experiment.id, { experiment, faults, outages, skip });
    return structuredClone(experiment);
  }

  get(id: string): FisExperiment {
    const found = foundOr404(this.#experiments.get(id), `Experiment ${id}`);
    return structuredClone(found.experiment);
  }

  list(): FisExperiment[] {
    return [...this.#experiments.values()].map((found) => structuredClone(found.experiment));
  }

  /** StopExperiment; stopping one that has already ended changes nothing, so rollbacks may always call it. */
  stop(id: string, now: Date): FisExperiment {
    const found = foundOr404(this.#experiments.get(id), `Experiment ${id}`);
    if (!isFinal(found.experiment.state.status) && found.experiment.state.status !== 'stopping')
      this.#set(found, 'stopping', 'Stopping the experiment.', now);
    return structuredClone(found.experiment);
  }

  /** TagResource on an experiment: adds or replaces the given tags. */
  tag(id: string, tags: Record<string, string>): void {
    const found = foundOr404(this.#experiments.get(id), `Experiment ${id}`);
    found.experiment.tags = { ...found.experiment.tags, ...tags };
  }

  /** The faults in force for one invocation of this function version. */
  activeFaults(functionName: string, version: string): LambdaFault[] {
    const active: LambdaFault[] = [];
    for (const { experiment, faults, skip } of this.#experiments.values()) {
      if (skip || experiment.state.status !== 'running') continue;
      for (const [name, fault] of faults)
        if (experiment.actions[name]?.state?.status === 'running' && faultHits(fault, functionName, version))
          active.push(fault);
    }
    return active;
  }

  tick(now: Date): void {
    for (const found of this.#experiments.values()) this.#advance(found, now);
  }

  /** Stops every experiment still going and forgets them all. */
  reset(now: Date): void {
    for (const found of this.#experiments.values()) {
      for (const outage of found.outages.values()) outage.advance(now.getTime(), true);
      if (!isFinal(found.experiment.state.status)) this.#set(found, 'stopped', 'Stopped by reset.', now);
    }
    this.#experiments.clear();
  }

  /** One step of the experiment's state machine, as FIS takes it between two polls. */
  #advance(found: Experiment, now: Date): void {
    switch (found.experiment.state.status) {
      case 'pending':
        this.#set(found, 'initiating', 'Experiment is initiating.', now);
        return;
      case 'initiating':
        this.#initiate(found, now);
        return;
      case 'running':
        this.#run(found, now);
        return;
      case 'stopping':
        this.#finishStopping(found, now);
        return;
      default:
        return;
    }
  }

  /** Resolves the targets (failing when one does not exist), then starts every action. */
  #initiate(found: Experiment, now: Date): void {
    const { experiment } = found;
    const missing = [...found.faults.values()]
      .flatMap((fault) => fault.targets)
      .filter((target) => !this.#options.functionExists(target.functionName, target.version));
    if (missing.length > 0) {
      const names = missing.map((target) =>
        target.version ? `${target.functionName}:${target.version}` : target.functionName,
      );
      this.#set(found, 'failed', `Target resolution failed: no function ${names.join(', ')}.`, now);
      return;
    }
    experiment.startTime = now.toISOString();
    if (!found.skip) for (const outage of found.outages.values()) outage.begin();
    for (const action of Object.values(experiment.actions)) {
      action.state = found.skip
        ? { status: 'skipped', reason: 'actionsMode is skip-all' }
        : { status: 'running', reason: 'Action is running.' };
      action.startTime = now.toISOString();
    }
    this.#set(found, 'running', 'Experiment is running.', now);
  }

  /** A running experiment stops on an alarm, fails with an outage, or completes with its last action. */
  #run(found: Experiment, now: Date): void {
    const { experiment } = found;
    const stopper = experiment.stopConditions.find(
      (condition) =>
        condition.source === 'aws:cloudwatch:alarm' &&
        condition.value &&
        this.#options.alarmState(alarmName(condition.value)) === 'ALARM',
    );
    if (stopper) {
      this.#set(found, 'stopping', `Experiment stopped by stop condition ${stopper.value ?? ''}.`, now);
      return;
    }
    const broken = [...found.outages.values()].find((outage) => outage.phase === 'failed');
    if (broken) {
      for (const outage of found.outages.values()) outage.advance(now.getTime(), true);
      this.#set(found, 'failed', `Action failed: ${broken.error ?? ''}`, now);
      return;
    }
    this.#advanceActions(found, now);
    const allDone = Object.values(experiment.actions).every(
      (action) => action.state?.status !== 'running' && action.state?.status !== 'pending',
    );
    if (allDone) this.#set(found, 'completed', 'Experiment completed.', now);
  }

  /** An outage action completes when its service is up again; a fault action when its duration has passed. */
  #advanceActions(found: Experiment, now: Date): void {
    const started = Date.parse(found.experiment.startTime ?? now.toISOString());
    const complete = (action: FisExperiment['actions'][string]): void => {
      action.state = { status: 'completed', reason: 'Action was completed.' };
      action.endTime = now.toISOString();
    };
    for (const [name, action] of Object.entries(found.experiment.actions)) {
      const outage = found.outages.get(name);
      if (outage && action.state?.status === 'running') {
        outage.advance(now.getTime());
        if (outage.phase === 'up') complete(action);
        continue;
      }
      const fault = found.faults.get(name);
      if (action.state?.status === 'running' && fault && now.getTime() - started >= fault.durationMs) complete(action);
    }
  }

  /** A service taken away comes back before the experiment counts as stopped. */
  #finishStopping(found: Experiment, now: Date): void {
    for (const outage of found.outages.values()) outage.advance(now.getTime(), true);
    if ([...found.outages.values()].some((outage) => outage.inProgress)) return;
    this.#set(
      found,
      'stopped',
      found.experiment.state.reason?.replace('Stopping the experiment.', 'Experiment stopped.') ??
        'Experiment stopped.',
      now,
    );
  }

  #set(found: Experiment, status: FisExperimentStatus, reason: string, now: Date): void {
    const { experiment } = found;
    experiment.state = { status, reason };
    if (isFinal(status)) {
      experiment.endTime = now.toISOString();
      for (const action of Object.values(experiment.actions)) {
        const current = action.state?.status;
        if (current === 'running' || current === 'pending') {
          action.state = { status: status === 'completed' ? 'completed' : 'stopped', reason };
          action.endTime = now.toISOString();
        }
      }
    }
  }
}
