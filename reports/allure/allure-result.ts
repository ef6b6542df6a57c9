/**
 * The parts of Allure's result-file format (`<uuid>-result.json` in an allure-results
 * directory) that the harness writes. Allure 2 and 3 read the same files.
 */
export type AllureStatus = 'passed' | 'failed' | 'broken' | 'skipped';

export interface AllureAttachment {
  name: string;
  /** File name inside the allure-results directory, e.g. `<uuid>-attachment.json`. */
  source: string;
  type: string;
}

export interface AllureTestResult {
  uuid: string;
  historyId: string;
  testCaseId: string;
  fullName: string;
  name: string;
  status: AllureStatus;
  statusDetails: { message?: string };
  stage: 'finished';
  description?: string;
  start: number;
  stop: number;
  labels: { name: string; value: string }[];
  parameters: { name: string; value: string }[];
  links: { name: string; url: string; type: 'link' }[];
  attachments: AllureAttachment[];
  steps: [];
}
