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
import { awsSenders, type AwsApiOptions } from './aws-call.ts';

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
  createExperimentTemplate(
    input: CreateExperimentTemplateCommandInput,
    signal?: AbortSignal,
  ): Promise<CreateExperimentTemplateCommandOutput>;
  getExperimentTemplate(id: string, signal?: AbortSignal): Promise<GetExperimentTemplateCommandOutput>;
  updateExperimentTemplate(
    input: UpdateExperimentTemplateCommandInput,
    signal?: AbortSignal,
  ): Promise<UpdateExperimentTemplateCommandOutput>;
  listExperimentTemplates(
    input: ListExperimentTemplatesCommandInput,
    signal?: AbortSignal,
  ): Promise<ListExperimentTemplatesCommandOutput>;
  startExperiment(input: StartExperimentRequest, signal?: AbortSignal): Promise<StartExperimentCommandOutput>;
  getExperiment(id: string, signal?: AbortSignal): Promise<GetExperimentCommandOutput>;
  stopExperiment(id: string, signal?: AbortSignal): Promise<StopExperimentCommandOutput>;
  listExperiments(input: ListExperimentsCommandInput, signal?: AbortSignal): Promise<ListExperimentsCommandOutput>;
}

/** Every IAM action the FIS API calls: each call is checked against it, and the harness policy grants it. */
export const FIS_ACTIONS = [
  'fis:CreateExperimentTemplate',
  'fis:GetExperimentTemplate',
  'fis:UpdateExperimentTemplate',
  'fis:ListExperimentTemplates',
  'fis:StartExperiment',
  'fis:GetExperiment',
  'fis:StopExperiment',
  'fis:ListExperiments',
] as const;
type FisAction = (typeof FIS_ACTIONS)[number];

export function fisApi(client: FisClient, options: AwsApiOptions = {}): FisApi {
  const { once, persistent } = awsSenders<FisAction>(client, options);
  return {
    createExperimentTemplate: (input, signal) =>
      once(
        'fis:CreateExperimentTemplate',
        `experiment template "${input.description ?? ''}"`,
        new CreateExperimentTemplateCommand(input),
        signal,
      ),
    getExperimentTemplate: (id, signal) =>
      once('fis:GetExperimentTemplate', `experiment template ${id}`, new GetExperimentTemplateCommand({ id }), signal),
    updateExperimentTemplate: (input, signal) =>
      once(
        'fis:UpdateExperimentTemplate',
        `experiment template ${input.id}`,
        new UpdateExperimentTemplateCommand(input),
        signal,
      ),
    listExperimentTemplates: (input, signal) =>
      once('fis:ListExperimentTemplates', 'experiment templates', new ListExperimentTemplatesCommand(input), signal),
    startExperiment: (input, signal) =>
      once(
        'fis:StartExperiment',
        `experiment template ${input.experimentTemplateId}`,
        new StartExperimentCommand(input),
        signal,
      ),
    getExperiment: (id, signal) =>
      persistent('fis:GetExperiment', `experiment ${id}`, new GetExperimentCommand({ id }), signal),
    // A rollback: retried until its deadline.
    stopExperiment: (id, signal) =>
      persistent('fis:StopExperiment', `experiment ${id}`, new StopExperimentCommand({ id }), signal),
    listExperiments: (input, signal) =>
      persistent('fis:ListExperiments', 'experiments', new ListExperimentsCommand(input), signal),
  };
}
