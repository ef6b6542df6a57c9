import { ENDPOINTS, responseKey, type Endpoint } from '../../../fixtures/platform-contract/endpoints.ts';

export interface EndpointCoverage {
  endpoint: Endpoint;
  exercised: number;
  total: number;
  /** Documented responses not exercised, each with why. */
  missing: {
    status: number;
    reason: string;
    conditional: boolean;
    readOnly: boolean;
    /** Needs what this run was not given (a second identity): the figure drops and warns. */
    unprovable: boolean;
  }[];
}

/**
 * Which documented responses this run provoked. A response counts as exercised once a
 * request that must produce it was sent and judged, whatever the verdict; a skipped one
 * keeps its reason, and counts against coverage.
 */
export class CoverageLedger {
  readonly #exercised = new Set<string>();
  readonly #skipped = new Map<string, { reason: string; readOnly: boolean; unprovable: boolean }>();

  exercised(key: string): void {
    this.#exercised.add(key);
    this.#skipped.delete(key);
  }

  skipped(key: string, reason: string, readOnly = false, unprovable = false): void {
    if (!this.#exercised.has(key)) this.#skipped.set(key, { reason, readOnly, unprovable });
  }

  of(endpoint: Endpoint): EndpointCoverage {
    const missing = endpoint.responses
      .filter((response) => !this.#exercised.has(responseKey(endpoint, response.status)))
      .map((response) => {
        const skip = this.#skipped.get(responseKey(endpoint, response.status));
        return {
          status: response.status,
          reason: skip?.reason ?? response.conditional ?? 'its check did not run',
          conditional: !!response.conditional,
          readOnly: skip?.readOnly ?? false,
          unprovable: skip?.unprovable ?? false,
        };
      });
    return {
      endpoint,
      exercised: endpoint.responses.length - missing.length,
      total: endpoint.responses.length,
      missing,
    };
  }

  all(): EndpointCoverage[] {
    return ENDPOINTS.map((endpoint) => this.of(endpoint));
  }
}
