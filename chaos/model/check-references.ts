import type { Drill } from './drill-schema.ts';

/**
 * What the schema cannot see: a `$canary` used before a step publishes it, a probe of the
 * deployment before one starts, a service drill without the capability it needs.
 * Returns one line per problem, each naming the field.
 */
export function checkReferences(drill: Drill): string[] {
  const problems: string[] = [];
  let published = false;
  let deployed = false;
  let experimented = false;
  const uses = (field: string, version: string | undefined): void => {
    if (version === '$canary' && !published)
      problems.push(`${field}: $canary is used before a publish-version step in the method`);
  };
  drill.steadyStateHypothesis.probes.forEach((probe, index) => {
    const field = `steadyStateHypothesis.probes[${index}]`;
    if ('version' in probe && probe.version === '$canary')
      problems.push(`${field}.version: the steady state runs before anything is published; use $previous`);
  });
  drill.method.forEach((step, index) => {
    const field = `method[${index}]`;
    if ('version' in step) uses(`${field}.version`, step.version);
    if (step.run === 'publish-version') published = true;
    if (step.run === 'start-deployment') deployed = true;
    if (step.run === 'start-experiment') experimented = true;
    if (step.run === 'deployment' && !deployed)
      problems.push(`${field}.run: a deployment probe needs a start-deployment step before it`);
    if (step.run === 'experiments' && !experimented)
      problems.push(`${field}.run: an experiments probe needs a start-experiment step before it`);
    if ((step.run === 'stop-service' || step.run === 'start-service') && !drill.requires.includes('service-control'))
      problems.push(`requires: ${field} stops or starts a service; add "service-control"`);
    if (step.run === 'start-experiment' && !drill.requires.includes('fault-injection'))
      problems.push(`requires: ${field} starts an experiment; add "fault-injection"`);
    if (step.run === 'traffic' && !drill.traffic)
      problems.push(`traffic: ${field} waits on the drill's traffic, but the drill has no traffic block`);
  });
  drill.rollbacks.forEach((step, index) => {
    if ('version' in step && step.version === '$canary')
      problems.push(`rollbacks[${index}].version: a rollback restores what was there before; use $previous`);
  });
  return problems;
}
