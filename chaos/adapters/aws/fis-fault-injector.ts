import { randomUUID } from 'node:crypto';
import type { ExperimentTemplateSummary } from '@aws-sdk/client-fis';
import {
  isFinalExperimentStatus,
  type FisExperiment,
  type FisExperimentDefinition,
} from '../../../common/aws-shapes/fis.ts';
import { HarnessError } from '../../../common/harness-error.ts';
import type { FaultInjector } from '../../ports/fault-injector.ts';
import { classifyAwsError } from './aws-error-kind.ts';
import type { FisApi } from './fis-api.ts';
import { summaryToFisExperiment, toFisExperiment } from './fis-experiment-mapping.ts';
import {
  DIGEST_TAG,
  DRILL_TAG,
  HARNESS_TAG,
  experimentTemplateRequest,
  type FisTemplateSettings,
} from './fis-template.ts';

export interface FisFaultInjectorOptions {
  api: FisApi;
  settings: FisTemplateSettings;
  /** The profile's `aws.fisTemplates`: a template id per drill, used as is when given. */
  templateIds?: Readonly<Record<string, string>>;
  log?: (line: string) => void;
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
    const templateId = await this.templateFor(drill, definition, signal);
    const output = await this.options.api.startExperiment(
      {
        experimentTemplateId: templateId,
        clientToken: randomUUID(),
        tags: { ...definition.tags, [HARNESS_TAG]: 'true', [DRILL_TAG]: drill },
        ...(definition.experimentOptions
          ? { experimentOptions: { ...definition.experimentOptions } }
          : {}),
      },
      signal,
    );
    if (!output.experiment?.id) {
      throw new HarnessError(
        'FIS_NO_EXPERIMENT',
        `FIS accepted StartExperiment for template ${templateId} but returned no experiment id`,
        {
          exitCode: 1,
        },
      );
    }
    const experiment = toFisExperiment(output.experiment);
    this.options.log?.(
      `fis: started experiment ${experiment.id} from template ${templateId} (${experiment.state.status})`,
    );
    return experiment;
  }

  async get(id: string, signal: AbortSignal): Promise<FisExperiment> {
    const output = await this.options.api.getExperiment(id, signal);
    if (!output.experiment)
      throw new HarnessError('FIS_NO_EXPERIMENT', `FIS returned no experiment for id ${id}`, {
        exitCode: 1,
      });
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

  private async templateFor(
    drill: string,
    definition: FisExperimentDefinition,
    signal: AbortSignal,
  ): Promise<string> {
    const configured = this.options.templateIds?.[drill];
    if (configured) {
      this.options.log?.(
        `fis: using template ${configured} from the profile (aws.fisTemplates.${drill})`,
      );
      return configured;
    }
    const request = experimentTemplateRequest(drill, definition, this.options.settings);
    const digest = request.tags?.[DIGEST_TAG];
    const existing = await this.findTemplate((t) => t.tags?.[DIGEST_TAG] === digest, signal);
    if (existing?.id) {
      this.options.log?.(`fis: reusing template ${existing.id} (same content, digest ${digest})`);
      return existing.id;
    }
    const created = await this.options.api.createExperimentTemplate(
      { ...request, clientToken: randomUUID() },
      signal,
    );
    const id = created.experimentTemplate?.id;
    if (!id)
      throw new HarnessError(
        'FIS_NO_TEMPLATE',
        `FIS created no experiment template for drill ${drill}`,
        { exitCode: 1 },
      );
    this.options.log?.(`fis: created template ${id} for drill ${drill}`);
    return id;
  }

  private async findTemplate(
    matches: (template: ExperimentTemplateSummary) => boolean,
    signal: AbortSignal,
  ): Promise<ExperimentTemplateSummary | undefined> {
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const output = await this.options.api.listExperimentTemplates(
        { maxResults: 100, nextToken },
        signal,
      );
      const found = (output.experimentTemplates ?? []).find(matches);
      if (found) return found;
      nextToken = output.nextToken;
      if (!nextToken) return undefined;
    }
    return undefined;
  }
}
