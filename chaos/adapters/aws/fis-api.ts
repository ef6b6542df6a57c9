import {
  CreateExperimentTemplateCommand,
  GetExperimentCommand,
  ListExperimentTemplatesCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
  type CreateExperimentTemplateCommandInput,
  type CreateExperimentTemplateCommandOutput,
  type FisClient,
  type GetExperimentCommandOutput,
  type ListExperimentTemplatesCommandInput,
  type ListExperimentTemplatesCommandOutput,
  type ListExperimentsCommandInput,
  type ListExperimentsCommandOutput,
  type StartExperimentCommandInput,
  type StartExperimentCommandOutput,
  type StopExperimentCommandOutput,
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
  createExperimentTemplate(
    input: CreateExperimentTemplateCommandInput,
    signal?: AbortSignal,
  ): Promise<CreateExperimentTemplateCommandOutput>;
  listExperimentTemplates(
    input: ListExperimentTemplatesCommandInput,
    signal?: AbortSignal,
  ): Promise<ListExperimentTemplatesCommandOutput>;
  startExperiment(
    input: StartExperimentRequest,
    signal?: AbortSignal,
  ): Promise<StartExperimentCommandOutput>;
  getExperiment(id: string, signal?: AbortSignal): Promise<GetExperimentCommandOutput>;
  stopExperiment(id: string, signal?: AbortSignal): Promise<StopExperimentCommandOutput>;
  listExperiments(
    input: ListExperimentsCommandInput,
    signal?: AbortSignal,
  ): Promise<ListExperimentsCommandOutput>;
}

export function fisApi(client: FisClient, options: AwsApiOptions = {}): FisApi {
  const { retry } = options;
  return {
    createExperimentTemplate: (input, signal) =>
      callAws(
        'fis:CreateExperimentTemplate',
        () => client.send(new CreateExperimentTemplateCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    listExperimentTemplates: (input, signal) =>
      callAws(
        'fis:ListExperimentTemplates',
        () => client.send(new ListExperimentTemplatesCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    startExperiment: (input, signal) =>
      callAws(
        'fis:StartExperiment',
        () => client.send(new StartExperimentCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
    getExperiment: (id, signal) =>
      callAws(
        'fis:GetExperiment',
        () => client.send(new GetExperimentCommand({ id }), { abortSignal: signal }),
        { retry, signal },
      ),
    stopExperiment: (id, signal) =>
      callAws(
        'fis:StopExperiment',
        () => client.send(new StopExperimentCommand({ id }), { abortSignal: signal }),
        { retry, signal },
      ),
    listExperiments: (input, signal) =>
      callAws(
        'fis:ListExperiments',
        () => client.send(new ListExperimentsCommand(input), { abortSignal: signal }),
        { retry, signal },
      ),
  };
}
