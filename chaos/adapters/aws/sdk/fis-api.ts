import {
  CreateExperimentTemplateCommand,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentTemplatesCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  UpdateExperimentTemplateCommand,
  type CreateExperimentTemplateCommandInput,
  type CreateExperimentTemplateCommandOutput,
  type FisClient,
  type GetExperimentCommandOutput,
  type GetExperimentTemplateCommandOutput,
  type ListExperimentTemplatesCommandInput,
  type ListExperimentTemplatesCommandOutput,
  type ListExperimentsCommandInput,
  type ListExperimentsCommandOutput,
  type StartExperimentCommandInput,
  type StartExperimentCommandOutput,
  type StopExperimentCommandOutput,
  type UpdateExperimentTemplateCommandInput,
  type UpdateExperimentTemplateCommandOutput,
} from '@aws-sdk/client-fis';
import type { AwsApiOptions } from './aws-api-options.ts';
import { callAws } from './aws-call.ts';

/**
 * `StartExperiment` as the FIS API defines it today. The 3.523.0 client (the newest on npm
 * here) types and serializes no `experimentOptions`; experiment-options-middleware.ts puts
 * it into the request body so `skip-all` dry runs really reach FIS.
 */
export interface StartExperimentRequest extends StartExperimentCommandInput {
  experimentOptions?: { actionsMode?: 'run-all' | 'skip-all' };
}

/** The FIS operations the harness uses: the project's own seam in front of the SDK client. */
export interface FisApi {
  createExperimentTemplate(input: CreateExperimentTemplateCommandInput, signal?: AbortSignal): Promise<CreateExperimentTemplateCommandOutput>;
  getExperimentTemplate(id: string, signal?: AbortSignal): Promise<GetExperimentTemplateCommandOutput>;
  updateExperimentTemplate(input: UpdateExperimentTemplateCommandInput, signal?: AbortSignal): Promise<UpdateExperimentTemplateCommandOutput>;
  listExperimentTemplates(input: ListExperimentTemplatesCommandInput, signal?: AbortSignal): Promise<ListExperimentTemplatesCommandOutput>;
  startExperiment(input: StartExperimentRequest, signal?: AbortSignal): Promise<StartExperimentCommandOutput>;
  getExperiment(id: string, signal?: AbortSignal): Promise<GetExperimentCommandOutput>;
  stopExperiment(id: string, signal?: AbortSignal): Promise<StopExperimentCommandOutput>;
  listExperiments(input: ListExperimentsCommandInput, signal?: AbortSignal): Promise<ListExperimentsCommandOutput>;
}

export function fisApi(client: FisClient, options: AwsApiOptions = {}): FisApi {
  const { retry } = options;
  return {
    createExperimentTemplate: (input, signal) =>
      callAws(
        'fis:CreateExperimentTemplate',
        `experiment template "${input.description ?? ''}"`,
        () => client.send(new CreateExperimentTemplateCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    getExperimentTemplate: (id, signal) =>
      callAws('fis:GetExperimentTemplate', `experiment template ${id}`, () => client.send(new GetExperimentTemplateCommand({ id }), { abortSignal: signal }), {
        retry,
        signal,
      }),
    updateExperimentTemplate: (input, signal) =>
      callAws(
        'fis:UpdateExperimentTemplate',
        `experiment template ${input.id}`,
        () => client.send(new UpdateExperimentTemplateCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    listExperimentTemplates: (input, signal) =>
      callAws('fis:ListExperimentTemplates', 'experiment templates', () => client.send(new ListExperimentTemplatesCommand(input), { abortSignal: signal }), {
        retry,
        signal,
      }),
    startExperiment: (input, signal) =>
      callAws(
        'fis:StartExperiment',
        `experiment template ${input.experimentTemplateId}`,
        () => client.send(new StartExperimentCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    getExperiment: (id, signal) =>
      callAws('fis:GetExperiment', `experiment ${id}`, () => client.send(new GetExperimentCommand({ id }), { abortSignal: signal }), {
        retry,
        signal,
        persistent: true,
      }),
    // A rollback: retried until its deadline.
    stopExperiment: (id, signal) =>
      callAws('fis:StopExperiment', `experiment ${id}`, () => client.send(new StopExperimentCommand({ id }), { abortSignal: signal }), {
        retry,
        signal,
        persistent: true,
      }),
    listExperiments: (input, signal) =>
      callAws('fis:ListExperiments', 'experiments', () => client.send(new ListExperimentsCommand(input), { abortSignal: signal }), {
        retry,
        signal,
        persistent: true,
      }),
  };
}
