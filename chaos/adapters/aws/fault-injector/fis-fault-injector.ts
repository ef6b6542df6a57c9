import { randomUUID } from 'node:crypto';
import type { ExperimentTemplateSummary } from '@aws-sdk/client-fis';
import {
  FIS_LAMBDA_TARGET_TYPE,
  isFinalExperimentStatus,
  type FisExperiment,
  type FisExperimentDefinition,
} from '../../../../common/aws-shapes/fis.ts';
import { HarnessError } from '../../../../common/harness-error.ts';
import type { FaultInjector } from '../../../ports/fault-injector.ts';
import { classifyAwsError } from '../sdk/aws-error-kind.ts';
import type { FisApi } from '../sdk/fis-api.ts';
import { summaryToFisExperiment, toFisExperiment } from './fis-experiment-mapping.ts';
import {
  DIGEST_TAG,
  DRILL_TAG,
  HARNESS_TAG,
  experimentTemplateRequest,
  type FisTemplateSettings,
} from './fis-template.ts';
import { CANARY_QUALIFIER, parseLambdaArn, templateScope } from './fis-template-scope.ts';
import type { ChangeLog } from '../../../engine/journal-changes.ts';
import { CreateExperimentTemplateRequestSchema } from '../../../emit/create-experiment-template-schema.ts';

export interface FisFaultInjectorOptions {
  api: FisApi;
  settings: FisTemplateSettings;
  /** The profile's `aws.fisTemplates`: a template id per drill, used as is when given. */
  templateIds?: Readonly<Record<string, string>>;
  /** Where experiment ids are journaled the moment StartExperiment answers. */
  changes?: ChangeLog;
  log?: (line: string) => void;
}

/** The definition with every Lambda target's qualifier replaced by the canary placeholder. */
function withCanaryPlaceholder(definition: FisExperimentDefinition): FisExperimentDefinition {
  const generic = (arn: string): string => {
    const name = arn.startsWith('arn:') ? parseLambdaArn(arn)?.functionArn : arn.split(':')[0];
    return name ? `${name}:${CANARY_QUALIFIER}` : arn;
  };
  return {
    ...definition,
    targets: Object.fromEntries(
      Object.entries(definition.targets).map(([key, target]) => [
        key,
        target.resourceType === FIS_LAMBDA_TARGET_TYPE
          ? { ...target, resourceArns: target.resourceArns.map(generic) }
          : target,
      ]),
    ),
  };
}

/** Pages of ListExperiments / ListExperimentTemplates read at most: bounded like every loop. */
const MAX_PAGES = 20;

/**
 * Fault injection through AWS FIS. `start` finds or creates the drill's experiment template
 * (profile template id, else a template the harness created earlier with the same digest,
 * else a new one) and starts it; the experiment's id is returned at once so the drill can
 * journal it before anything else can fail.
 */
export class FisFaultInjector implements FaultInjector {
  readonly name = 'fis';
  private readonly options: FisFaultInjectorOptions;

  constructor(options: FisFaultInjectorOptions) {
    this.options = options;
  }

  async start(definition: FisExperimentDefinition, signal: AbortSignal): Promise<FisExperiment> {
    const drill = definition.tags?.[DRILL_TAG] ?? 'drill';
    const expected = this.expectedTargets(drill, definition);
    const templateId = await this.templateFor(drill, definition, signal);
    await this.confirmScope(drill, templateId, expected, signal);
    const output = await this.options.api.startExperiment(
      {
        experimentTemplateId: templateId,
        clientToken: randomUUID(),
        tags: { ...definition.tags, [HARNESS_TAG]: 'true', [DRILL_TAG]: drill },
        ...(definition.experimentOptions ? { experimentOptions: { ...definition.experimentOptions } } : {}),
      },
      signal,
    );
    if (!output.experiment?.id) {
      throw new HarnessError(
        'FIS_NO_EXPERIMENT',
        `FIS accepted StartExperiment for template ${templateId} but returned no experiment id`,
      );
    }
    // In the journal before this call returns: a crash from here on leaves a fault to stop.
    await this.options.changes?.record({ kind: 'experiment', id: output.experiment.id, note: drill });
    const experiment = toFisExperiment(output.experiment);
    this.options.log?.(
      `fis: started experiment ${experiment.id} from template ${templateId} (${experiment.state.status}) on ${expected.join(', ')}`,
    );
    return experiment;
  }

  /**
   * The dry run on AWS: nothing is created or started. The template a drill would create is
   * checked against the CreateExperimentTemplate request schema; a pinned one is read back
   * and its targets checked. FIS's own `skip-all` dry run would need a template on the
   * account and a version to target, which a dry run has neither of.
   */
  async plan(definition: FisExperimentDefinition, signal: AbortSignal): Promise<string> {
    const drill = definition.tags?.[DRILL_TAG] ?? 'drill';
    const pinned = this.options.templateIds?.[drill];
    if (pinned) {
      const template = (await this.options.api.getExperimentTemplate(pinned, signal)).experimentTemplate;
      const placeholder = Object.values(definition.targets).flatMap((t) => t.resourceArns.map((r) => this.arnOf(r)));
      const scope = templateScope(template ?? {}, placeholder);
      if (scope.problems.length > 0 && !scope.retargetable) {
        throw new HarnessError(
          'FIS_TEMPLATE_TOO_WIDE',
          `the profile's template ${pinned} (aws.fisTemplates.${drill}) reaches beyond the canary: ${scope.problems.join('; ')}. Fix: create it from --emit fis-template, whose targets carry the canary qualifier`,
        );
      }
      return `pinned template ${pinned} targets one version of the drill function; the run points it at its canary`;
    }
    const request = experimentTemplateRequest(drill, withCanaryPlaceholder(definition), this.options.settings);
    const parsed = CreateExperimentTemplateRequestSchema.safeParse(request);
    if (!parsed.success) {
      throw new HarnessError(
        'INVALID_FIS_TEMPLATE',
        `FIS would refuse the template: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    return 'the template the run creates is a valid CreateExperimentTemplate request; nothing was created';
  }

  async get(id: string, signal: AbortSignal): Promise<FisExperiment> {
    const output = await this.options.api.getExperiment(id, signal);
    if (!output.experiment) throw new HarnessError('FIS_NO_EXPERIMENT', `FIS returned no experiment for id ${id}`);
    return toFisExperiment(output.experiment);
  }

  async stop(id: string, signal: AbortSignal): Promise<FisExperiment> {
    const current = await this.get(id, signal);
    if (isFinalExperimentStatus(current.state.status)) return current;
    try {
      const output = await this.options.api.stopExperiment(id, signal);
      this.options.log?.(`fis: stop requested for experiment ${id}`);
      return output.experiment ? toFisExperiment(output.experiment) : await this.get(id, signal);
    } catch (error) {
      // It ended between our read and the stop request: that is what we wanted.
      if (classifyAwsError(error) === 'other' || classifyAwsError(error) === 'not-found') {
        const after = await this.get(id, signal);
        if (isFinalExperimentStatus(after.state.status)) return after;
      }
      throw error;
    }
  }

  /** Experiments the harness started (tagged `hasivu:harness`), any state. */
  async list(signal: AbortSignal): Promise<FisExperiment[]> {
    const out: FisExperiment[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.options.api.listExperiments({ maxResults: 100, nextToken }, signal);
      for (const summary of output.experiments ?? []) {
        if (summary.tags?.[HARNESS_TAG] === 'true') out.push(summaryToFisExperiment(summary));
      }
      nextToken = output.nextToken;
      if (!nextToken) break;
    }
    return out;
  }

  private arnOf(nameOrArn: string): string {
    return nameOrArn.startsWith('arn:') ? nameOrArn : this.options.settings.functionArn(nameOrArn);
  }

  /** The qualified ARNs the experiment may touch; a definition naming a bare function is refused. */
  private expectedTargets(drill: string, definition: FisExperimentDefinition): string[] {
    const arns = Object.values(definition.targets).flatMap((t) => t.resourceArns.map((r) => this.arnOf(r)));
    const bare = arns.filter((arn) => {
      const lambda = parseLambdaArn(arn);
      return lambda !== undefined && (!lambda.qualifier || lambda.qualifier === CANARY_QUALIFIER);
    });
    if (bare.length > 0) {
      throw new HarnessError(
        'FIS_NO_CANARY',
        `drill ${drill}: the experiment would target ${bare.join(', ')}, not a version the drill published; experiments touch only the canary. Nothing was started.`,
      );
    }
    return arns;
  }

  /**
   * Reads back the template that will run (GetExperimentTemplate) and starts nothing unless
   * its targets are exactly the canary's qualified ARN. A pinned template that names another
   * version of the same function (the emitted placeholder, an earlier canary) is pointed at
   * this canary (UpdateExperimentTemplate, targets only) and read back again; anything wider
   * is refused with the reason.
   */
  private async confirmScope(
    drill: string,
    templateId: string,
    expected: readonly string[],
    signal: AbortSignal,
  ): Promise<void> {
    const read = async () =>
      (await this.options.api.getExperimentTemplate(templateId, signal)).experimentTemplate ?? {};
    let template = await read();
    let scope = templateScope(template, expected);
    if (scope.problems.length > 0 && scope.retargetable) {
      const targets = Object.fromEntries(
        Object.entries(template.targets ?? {}).map(([key, target]) => [
          key,
          { resourceType: target.resourceType, resourceArns: [...expected], selectionMode: 'ALL' },
        ]),
      );
      await this.options.api.updateExperimentTemplate({ id: templateId, targets }, signal);
      this.options.log?.(
        `fis: template ${templateId} pointed at the canary ${expected.join(', ')} (was ${scope.problems.join('; ')})`,
      );
      template = await read();
      scope = templateScope(template, expected);
    }
    if (scope.problems.length > 0) {
      const pinned = this.options.templateIds?.[drill] === templateId ? ` (aws.fisTemplates.${drill})` : '';
      throw new HarnessError(
        'FIS_TEMPLATE_TOO_WIDE',
        `drill ${drill}: experiment template ${templateId}${pinned} reaches beyond the canary ${expected.join(', ')}: ${scope.problems.join('; ')}. ` +
          'Nothing was started. Fix: target the canary qualifier (--emit fis-template writes such templates) or remove the template id from the profile.',
      );
    }
  }

  private async templateFor(drill: string, definition: FisExperimentDefinition, signal: AbortSignal): Promise<string> {
    const configured = this.options.templateIds?.[drill];
    if (configured) {
      this.options.log?.(`fis: using template ${configured} from the profile (aws.fisTemplates.${drill})`);
      return configured;
    }
    // Created with the canary placeholder, so one template per drill serves every run; the
    // run points it at its own canary (confirmScope).
    const request = experimentTemplateRequest(drill, withCanaryPlaceholder(definition), this.options.settings);
    const digest = request.tags?.[DIGEST_TAG];
    const existing = await this.findTemplate((t) => t.tags?.[DIGEST_TAG] === digest, signal);
    if (existing?.id) {
      this.options.log?.(`fis: reusing template ${existing.id} (same content, digest ${digest})`);
      return existing.id;
    }
    const created = await this.options.api.createExperimentTemplate({ ...request, clientToken: randomUUID() }, signal);
    const id = created.experimentTemplate?.id;
    if (!id) throw new HarnessError('FIS_NO_TEMPLATE', `FIS created no experiment template for drill ${drill}`);
    this.options.log?.(`fis: created template ${id} for drill ${drill}`);
    return id;
  }

  private async findTemplate(
    matches: (template: ExperimentTemplateSummary) => boolean,
    signal: AbortSignal,
  ): Promise<ExperimentTemplateSummary | undefined> {
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.options.api.listExperimentTemplates({ maxResults: 100, nextToken }, signal);
      const found = (output.experimentTemplates ?? []).find(matches);
      if (found) return found;
      nextToken = output.nextToken;
      if (!nextToken) return undefined;
    }
    return undefined;
  }
}
