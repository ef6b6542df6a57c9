import type {
  LambdaAliasConfiguration,
  LambdaFunctionVersion,
  ReleaseBehaviour,
} from '../../common/aws-shapes/lambda.ts';
import { LIVE_ALIAS } from '../../common/aws-shapes/control-api.ts';
import { notFound, validationFailed } from '../http/api-error.ts';
import { lambdaFunctionArn } from '../local-aws-account.ts';
import { aliasProblems } from './alias-routing.ts';
import { releaseBehaviourEnv } from './release-behaviour.ts';

/** `$LATEST`: the function's editable configuration, from which PublishVersion freezes a version. */
export interface LatestConfiguration {
  Description: string;
  Environment: { Variables: Record<string, string> };
  /** Goes up on every UpdateFunctionConfiguration; a version records the one it was published from. */
  revision: number;
  LastModified: string;
}

interface FunctionState {
  versions: Map<string, LambdaFunctionVersion>;
  aliases: Map<string, LambdaAliasConfiguration>;
  lastVersion: number;
  latest: LatestConfiguration;
  /** Version → the `$LATEST` revision it was published from; versions published with a release behaviour have none. */
  publishedFrom: Map<string, number>;
  /** Test-only bug: alias → a version that still gets this share of invocations, invisible to GetAlias. */
  leaks: Map<string, { version: string; share: number }>;
}

export interface PublishInput {
  Description?: string;
  ReleaseBehaviour?: ReleaseBehaviour;
  Environment?: { Variables: Record<string, string> };
}

/**
 * Functions, their immutable versions and their aliases, as Lambda keeps them. Every
 * function starts with version 1 and the alias `live` on it.
 */
export class FunctionRegistry {
  readonly #functions = new Map<string, FunctionState>();
  /** Called when versions are dropped (reset), so their instances can be stopped. */
  onVersionsDropped: (functionName: string, versions: string[]) => void = () => undefined;

  constructor(functionNames: readonly string[]) {
    for (const name of functionNames) this.#functions.set(name, this.#fresh(name));
  }

  #fresh(name: string): FunctionState {
    const first: LambdaFunctionVersion = {
      FunctionName: name,
      Version: '1',
      Description: 'published at start',
      Environment: { Variables: {} },
      InitDurationsMs: [],
    };
    return {
      versions: new Map([['1', first]]),
      aliases: new Map([[LIVE_ALIAS, this.#aliasOf(name, LIVE_ALIAS, '1', undefined, 1)]]),
      lastVersion: 1,
      latest: {
        Description: first.Description ?? '',
        Environment: { Variables: {} },
        revision: 1,
        LastModified: new Date().toISOString(),
      },
      publishedFrom: new Map([['1', 1]]),
      leaks: new Map(),
    };
  }

  #aliasOf(
    name: string,
    alias: string,
    version: string,
    weights: Record<string, number> | undefined,
    revision: number,
  ): LambdaAliasConfiguration {
    return {
      Name: alias,
      FunctionVersion: version,
      RoutingConfig: { AdditionalVersionWeights: { ...weights } },
      AliasArn: lambdaFunctionArn(name, alias),
      RevisionId: String(revision),
    };
  }

  #get(name: string): FunctionState {
    const found = this.#functions.get(name);
    if (!found) throw notFound(`Function ${name}`);
    return found;
  }

  names(): string[] {
    return [...this.#functions.keys()];
  }

  list(): { FunctionName: string; Aliases: string[] }[] {
    return [...this.#functions].map(([FunctionName, state]) => ({
      FunctionName,
      Aliases: [...state.aliases.keys()],
    }));
  }

  versions(name: string): LambdaFunctionVersion[] {
    return [...this.#get(name).versions.values()].map((v) => structuredClone(v));
  }

  version(name: string, version: string): LambdaFunctionVersion | undefined {
    return this.#functions.get(name)?.versions.get(version);
  }

  /** Publishes the next version with its configuration frozen (a copy, never changed again). */
  publish(name: string, input: PublishInput): LambdaFunctionVersion {
    const state = this.#get(name);
    state.lastVersion += 1;
    const published: LambdaFunctionVersion = {
      FunctionName: name,
      Version: String(state.lastVersion),
      ...(input.Description !== undefined ? { Description: input.Description } : {}),
      Environment: {
        Variables: {
          ...input.Environment?.Variables,
          ...releaseBehaviourEnv(input.ReleaseBehaviour ?? {}),
        },
      },
      ...(input.ReleaseBehaviour ? { ReleaseBehaviour: { ...input.ReleaseBehaviour } } : {}),
      InitDurationsMs: [],
    };
    state.versions.set(published.Version, Object.freeze(published));
    return structuredClone(published);
  }

  /** `$LATEST`'s configuration (a copy). */
  latest(name: string): LatestConfiguration {
    return structuredClone(this.#get(name).latest);
  }

  /** UpdateFunctionConfiguration: changes `$LATEST` only; published versions stay as they were. */
  updateLatest(
    name: string,
    update: { Description?: string; Environment?: { Variables: Record<string, string> } },
  ): LatestConfiguration {
    const state = this.#get(name);
    state.latest = {
      Description: update.Description ?? state.latest.Description,
      Environment: structuredClone(update.Environment ?? state.latest.Environment),
      revision: state.latest.revision + 1,
      LastModified: new Date().toISOString(),
    };
    return structuredClone(state.latest);
  }

  /**
   * PublishVersion as Lambda does it from `$LATEST`: when nothing changed since the newest
   * version was published from it, that version is returned and no new one is made.
   */
  publishLatest(name: string, description?: string): LambdaFunctionVersion {
    const state = this.#get(name);
    const newest = String(state.lastVersion);
    const existing = state.versions.get(newest);
    if (existing && state.publishedFrom.get(newest) === state.latest.revision) return structuredClone(existing);
    const published = this.publish(name, {
      Description: description ?? state.latest.Description,
      Environment: state.latest.Environment,
    });
    state.publishedFrom.set(published.Version, state.latest.revision);
    return published;
  }

  /** Init durations are measured, not configured, so they are the one thing appended later. */
  recordInitDuration(name: string, version: string, ms: number): void {
    const found = this.version(name, version);
    if (!found) return;
    const next = { ...found, InitDurationsMs: [...(found.InitDurationsMs ?? []), ms] };
    this.#get(name).versions.set(version, Object.freeze(next));
  }

  alias(name: string, alias: string): LambdaAliasConfiguration {
    return structuredClone(this.routing(name, alias));
  }

  /**
   * The alias as stored, without a copy: every request routes through it, and updateAlias
   * replaces the object rather than changing it, so a reader cannot see it half-updated.
   */
  routing(name: string, alias: string): Readonly<LambdaAliasConfiguration> {
    const found = this.#get(name).aliases.get(alias);
    if (!found) throw notFound(`Alias ${alias} of function ${name}`);
    return found;
  }

  /**
   * Test-only bug (rollback-leak): the router keeps sending `share` of the alias's invocations
   * to `version`, while the alias itself (GetAlias) reads clean. Cleared by reset.
   */
  leak(name: string, alias: string, version: string, share: number): void {
    this.#get(name).leaks.set(alias, { version, share });
  }

  /** The hidden leak of an alias, if the rollback-leak bug put one there. */
  leakOf(name: string, alias: string): { version: string; share: number } | undefined {
    return this.#functions.get(name)?.leaks.get(alias);
  }

  /** UpdateAlias: validated like Lambda; the revision goes up on every change. */
  updateAlias(
    name: string,
    alias: string,
    update: Pick<LambdaAliasConfiguration, 'FunctionVersion' | 'RoutingConfig'>,
  ): LambdaAliasConfiguration {
    const state = this.#get(name);
    const current = state.aliases.get(alias);
    if (!current) throw notFound(`Alias ${alias} of function ${name}`);
    const problems = aliasProblems(update, (v) => state.versions.has(v));
    if (Object.keys(problems).length > 0)
      throw validationFailed(Object.fromEntries(Object.entries(problems).map(([field, why]) => [field, [why]])));
    const next = this.#aliasOf(
      name,
      alias,
      update.FunctionVersion,
      update.RoutingConfig?.AdditionalVersionWeights,
      Number(current.RevisionId ?? '0') + 1,
    );
    state.aliases.set(alias, next);
    return structuredClone(next);
  }

  /** Back to the start: version 1 only, the alias on it with no extra weight. */
  reset(): void {
    for (const [name, state] of this.#functions) {
      const dropped = [...state.versions.keys()].filter((v) => v !== '1');
      const first = state.versions.get('1');
      const fresh = this.#fresh(name);
      if (first) fresh.versions.set('1', first);
      this.#functions.set(name, fresh);
      if (dropped.length > 0) this.onVersionsDropped(name, dropped);
    }
  }
}
