import type { LambdaAliasConfiguration } from '../../common/aws-shapes/lambda.ts';

/**
 * Picks the version an invocation runs on, as Lambda does for a weighted alias: the
 * additional version with its weight's probability, the alias's FunctionVersion otherwise.
 * `random` is injectable so a test can check the split deterministically.
 */
export function pickVersion(
  alias: Pick<LambdaAliasConfiguration, 'FunctionVersion' | 'RoutingConfig'>,
  random: () => number = Math.random,
): string {
  const extra = Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {})[0];
  if (extra && random() < extra[1]) return extra[0];
  return alias.FunctionVersion;
}

/**
 * Checks an alias update the way Lambda's UpdateAlias does; returns field → problem,
 * empty when valid. `exists` says whether a version of the function has been published.
 */
export function aliasProblems(
  update: Pick<LambdaAliasConfiguration, 'FunctionVersion' | 'RoutingConfig'>,
  exists: (version: string) => boolean,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!exists(update.FunctionVersion)) problems.FunctionVersion = `version ${update.FunctionVersion} is not published`;
  const weights = Object.entries(update.RoutingConfig?.AdditionalVersionWeights ?? {});
  const field = 'RoutingConfig.AdditionalVersionWeights';
  if (weights.length > 1) problems[field] = 'at most one additional version is allowed';
  for (const [version, weight] of weights) {
    if (!Number.isFinite(weight) || weight < 0 || weight > 1)
      problems[field] = `the weight of version ${version} must be between 0.0 and 1.0`;
    else if (!exists(version)) problems[field] = `version ${version} is not published`;
    else if (version === update.FunctionVersion)
      problems[field] = `version ${version} is already the alias's FunctionVersion`;
  }
  return problems;
}
