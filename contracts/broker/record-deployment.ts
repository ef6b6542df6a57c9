import { BrokerError, brokerRequest, expandLink, type BrokerAuth } from './broker-http.ts';

interface HalLink {
  href: string;
  name?: string;
}
interface Index {
  _links?: Record<string, HalLink | HalLink[] | undefined>;
}

const asList = (link: HalLink | HalLink[] | undefined): HalLink[] =>
  link === undefined ? [] : Array.isArray(link) ? link : [link];

/**
 * Tells the broker that `version` of `pacticipant` now runs in `environment`, after a
 * promotion, so later can-i-deploy answers check against it. Follows the broker's
 * links as `pact-broker record-deployment` does: index → pb:pacticipant-version →
 * the pb:record-deployment link named after the environment → POST.
 */
export async function recordDeployment(
  broker: BrokerAuth,
  deployment: {
    pacticipant: string;
    version: string;
    environment: string;
    applicationInstance?: string;
  },
): Promise<void> {
  const index = await brokerRequest<Index>(broker, 'GET', '/');
  const versionLink = asList(index._links?.['pb:pacticipant-version'])[0];
  if (!versionLink)
    throw new BrokerError(
      `${broker.url} has no pb:pacticipant-version link; record-deployment needs Pact Broker ≥ 2.80`,
    );
  const versionUrl = expandLink(versionLink.href, {
    pacticipant: deployment.pacticipant,
    version: deployment.version,
  });
  const version = await brokerRequest<Index>(broker, 'GET', versionUrl);
  const links = asList(version._links?.['pb:record-deployment']);
  const target = links.find((l) => l.name === deployment.environment);
  if (!target) {
    const known =
      links
        .map((l) => l.name)
        .filter(Boolean)
        .join(', ') || 'none';
    throw new BrokerError(
      `the broker has no environment "${deployment.environment}" for ${deployment.pacticipant} (known: ${known}); create it with pact-broker create-environment`,
    );
  }
  await brokerRequest(
    broker,
    'POST',
    target.href,
    deployment.applicationInstance ? { applicationInstance: deployment.applicationInstance } : {},
  );
}
