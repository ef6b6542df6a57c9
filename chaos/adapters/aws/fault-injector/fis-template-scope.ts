import type { ExperimentTemplate } from '@aws-sdk/client-fis';
import { FIS_LAMBDA_TARGET_TYPE } from '../../../../common/aws-shapes/fis.ts';

/**
 * The version qualifier emitted templates carry in place of the canary's version
 * (`…:function:orders:HASIVU_CANARY`). It is a valid Lambda qualifier, so the template can be
 * created as is, and names no real version, so a template nobody updated faults nothing. Each
 * drill replaces it with the version it just published before starting the experiment.
 */
export const CANARY_QUALIFIER = 'HASIVU_CANARY';

/** `arn:aws:lambda:region:account:function:name[:qualifier]` → its parts. */
export function parseLambdaArn(arn: string): { functionArn: string; qualifier?: string } | undefined {
  const match = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+)(?::([^:]+))?$/.exec(arn);
  if (!match?.[1]) return undefined;
  return match[2] ? { functionArn: match[1], qualifier: match[2] } : { functionArn: match[1] };
}

export interface TemplateScope {
  /** Why the template may reach beyond `expected`; empty when it targets exactly that. */
  problems: string[];
  /**
   * True when every problem is only a different version qualifier of the expected function
   * (the placeholder, or an earlier drill's canary): retargeting the template to the canary
   * is then safe, since it cannot widen what it touches.
   */
  retargetable: boolean;
}

/**
 * What a template's targets resolve to, against the exact qualified ARNs a drill means to
 * fault. Anything wider is a problem: an unqualified function (every version, the live one
 * included), a resource selected by tags, filters or parameters, another function, a target
 * type other than the expected ones.
 */
export function templateScope(template: ExperimentTemplate, expected: readonly string[]): TemplateScope {
  const problems: string[] = [];
  let retargetable = true;
  const wanted = new Set(expected);
  const wantedFunctions = new Set(expected.map((a) => parseLambdaArn(a)?.functionArn).filter(Boolean));
  const targets = Object.entries(template.targets ?? {});
  if (targets.length === 0) problems.push('it has no targets');
  for (const [key, target] of targets) {
    const label = `target ${key}`;
    if (Object.keys(target.resourceTags ?? {}).length > 0) {
      problems.push(
        `${label} selects resources by tags (${JSON.stringify(target.resourceTags)}), which can match any version`,
      );
      retargetable = false;
    }
    if ((target.filters ?? []).length > 0 || Object.keys(target.parameters ?? {}).length > 0) {
      problems.push(`${label} selects resources by filters or parameters`);
      retargetable = false;
    }
    const arns = target.resourceArns ?? [];
    if (arns.length === 0 && Object.keys(target.resourceTags ?? {}).length === 0) {
      problems.push(`${label} names no resource ARN`);
      retargetable = false;
    }
    for (const arn of arns) {
      if (wanted.has(arn)) continue;
      const lambda = target.resourceType === FIS_LAMBDA_TARGET_TYPE ? parseLambdaArn(arn) : undefined;
      if (lambda && !lambda.qualifier) {
        problems.push(`${label} is the unqualified function ${arn}: every version, the live one included`);
        retargetable = false;
      } else if (lambda && wantedFunctions.has(lambda.functionArn)) {
        problems.push(`${label} is version ${lambda.qualifier} of the function, not the canary`);
        if (!/^(\d+|HASIVU_CANARY)$/.test(lambda.qualifier ?? '')) retargetable = false;
      } else {
        problems.push(`${label} is ${arn}, which this drill does not fault`);
        retargetable = false;
      }
    }
  }
  for (const arn of expected) {
    if (!targets.some(([, t]) => (t.resourceArns ?? []).includes(arn))) problems.push(`no target names ${arn}`);
  }
  return { problems, retargetable: retargetable && problems.length > 0 };
}
