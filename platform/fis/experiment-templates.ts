import { randomBytes } from 'node:crypto';
import { foundOr404 } from '../http/api-error.ts';
import type { ExperimentInput } from './experiments.ts';

/** A FIS experiment template: an experiment's content, kept to be started any number of times. */
export interface ExperimentTemplate {
  id: string;
  description: string;
  roleArn?: string;
  actions: ExperimentInput['actions'];
  targets: ExperimentInput['targets'];
  stopConditions: ExperimentInput['stopConditions'];
  experimentOptions?: Record<string, string>;
  logConfiguration?: unknown;
  tags: Record<string, string>;
  creationTime: string;
  lastUpdateTime: string;
}

export type TemplateContent = Omit<ExperimentTemplate, 'id' | 'creationTime' | 'lastUpdateTime'>;

const newId = (): string =>
  `EXT${randomBytes(9)
    .toString('base64url')
    .replaceAll(/[^A-Za-z0-9]/g, 'x')}`;

/**
 * Experiment templates, as FIS keeps them per account. They outlive a reset of the emulation,
 * as an account's templates outlive its experiments.
 */
export class ExperimentTemplates {
  readonly #templates = new Map<string, ExperimentTemplate>();

  create(content: TemplateContent, now: Date): ExperimentTemplate {
    const template: ExperimentTemplate = {
      ...structuredClone(content),
      id: newId(),
      creationTime: now.toISOString(),
      lastUpdateTime: now.toISOString(),
    };
    this.#templates.set(template.id, template);
    return structuredClone(template);
  }

  get(id: string): ExperimentTemplate {
    const found = foundOr404(this.#templates.get(id), `Experiment template ${id}`);
    return structuredClone(found);
  }

  list(): ExperimentTemplate[] {
    return [...this.#templates.values()].map((t) => structuredClone(t));
  }

  /** UpdateExperimentTemplate: actions and targets are replaced by key; other fields when given. */
  update(id: string, change: Partial<Omit<TemplateContent, 'tags'>>, now: Date): ExperimentTemplate {
    const current = this.get(id);
    const next: ExperimentTemplate = {
      ...current,
      ...structuredClone(change),
      actions: { ...current.actions, ...structuredClone(change.actions ?? {}) },
      targets: { ...current.targets, ...structuredClone(change.targets ?? {}) },
      lastUpdateTime: now.toISOString(),
    };
    this.#templates.set(id, next);
    return structuredClone(next);
  }

  delete(id: string): ExperimentTemplate {
    const found = this.get(id);
    this.#templates.delete(id);
    return found;
  }

  tag(id: string, tags: Record<string, string>): void {
    const found = foundOr404(this.#templates.get(id), `Experiment template ${id}`);
    Object.assign(found.tags, tags);
  }
}
