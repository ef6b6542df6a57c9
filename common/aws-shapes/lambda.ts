/** AWS Lambda versions and aliases, in the field names of `GetAlias` and `PublishVersion`. */

/** `GetAlias` / `UpdateAlias`: at most one additional version, weighted 0.0–1.0. */
export interface LambdaAliasConfiguration {
  Name: string;
  FunctionVersion: string;
  RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> };
  /** Locally an ARN-shaped name, so logs read the same as on AWS. */
  AliasArn?: string;
  RevisionId?: string;
}

/**
 * How a published version misbehaves by itself, with no fault injector: the local stand-in
 * for a broken release. Not an AWS field; the platform reads it from the version's
 * environment (`HASIVU_RELEASE_*`) as a real bad build would carry its bug in its code.
 */
export interface ReleaseBehaviour {
  /** Share of invocations that throw (0–1). */
  errorRate?: number;
  /** Milliseconds added to every invocation before the handler runs. */
  addedLatencyMs?: number;
  /** Answer every invocation with this HTTP status instead of running the handler. */
  statusCode?: number;
}

/** `PublishVersion` / `ListVersionsByFunction` entries, plus what the local emulation measured. */
export interface LambdaFunctionVersion {
  FunctionName: string;
  Version: string;
  Description?: string;
  /** Frozen at publish: a version's configuration never changes afterwards. */
  Environment?: { Variables: Record<string, string> };
  /** The bad-release knob this version was published with, if any. */
  ReleaseBehaviour?: ReleaseBehaviour;
  /** Init Duration of each instance started for this version (the REPORT line's `Init Duration`). */
  InitDurationsMs?: number[];
}

/** The header API Gateway and Lambda use to say which version ran an invocation. */
export const EXECUTED_VERSION_HEADER = 'x-amz-executed-version';
