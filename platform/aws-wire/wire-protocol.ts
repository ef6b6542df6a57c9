import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { ApiError } from '../http/api-error.ts';
import { validate } from '../http/request-body.ts';
import type { PlatformHandler } from '../http/platform-handler.ts';

/**
 * The three AWS wire protocols the SDK clients speak to the services the platform emulates:
 * Lambda and FIS are REST-JSON, CodeDeploy is JSON 1.1, CloudWatch is JSON 1.0 in its
 * "query compatible" form (its error codes also travel in `x-amzn-query-error`).
 */
export type WireProtocol = 'rest-json' | 'json-1.1' | 'cloudwatch-json-1.0';

const CONTENT_TYPES: Record<WireProtocol, string> = {
  'rest-json': 'application/json',
  'json-1.1': 'application/x-amz-json-1.1',
  'cloudwatch-json-1.0': 'application/x-amz-json-1.0',
};

/** An error as an AWS service names it: the SDK turns `code` into its typed exception. */
export class AwsWireError extends Error {
  readonly statusCode: number;
  readonly code: string;
  /** Sender: the caller's fault (the SDK's `$fault: client`); Receiver: the service's. */
  readonly fault: 'Sender' | 'Receiver';

  constructor(statusCode: number, code: string, message: string, fault: 'Sender' | 'Receiver' = 'Sender') {
    super(message);
    this.name = 'AwsWireError';
    this.statusCode = statusCode;
    this.code = code;
    this.fault = fault;
  }
}

/**
 * How a service names the emulation's own errors, by their HTTP status (404 not found, 400
 * invalid, 409 conflict): each service has its own exception names for the same failures.
 */
export type ErrorNames = Partial<Record<number, { statusCode: number; code: string }>>;

/** The emulation's error, its field details folded into the one message AWS errors carry. */
function toWireError(error: unknown, names: ErrorNames): AwsWireError | undefined {
  if (error instanceof AwsWireError) return error;
  if (!(error instanceof ApiError)) return undefined;
  const name = names[error.statusCode];
  const details = Object.entries(error.details ?? {})
    .map(([field, problems]) => `${field}: ${problems.join(', ')}`)
    .join('; ');
  const message = details ? `${error.message.replace(/; see details.*$/, '')}: ${details}` : error.message;
  return name
    ? new AwsWireError(name.statusCode, name.code, message)
    : new AwsWireError(error.statusCode, error.code, message);
}

export function wireResult(
  protocol: WireProtocol,
  statusCode: number,
  body: unknown,
  requestId: string,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': CONTENT_TYPES[protocol], 'x-amzn-requestid': requestId },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** The error as each protocol puts it on the wire, so the SDK's parser finds the code where it looks. */
export function wireErrorResult(
  protocol: WireProtocol,
  error: AwsWireError,
  requestId: string,
): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[protocol],
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': error.code,
  };
  let body: Record<string, string>;
  if (protocol === 'rest-json') {
    body = { Type: error.fault === 'Sender' ? 'User' : 'Service', Message: error.message, message: error.message };
  } else if (protocol === 'json-1.1') {
    body = { __type: error.code, message: error.message };
  } else {
    body = { __type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message };
    // The Query API's name for the same error (InvalidParameterValueException is InvalidParameterValue);
    // an operation it does not have is the protocol's own error, with no Query name.
    if (error.code !== 'UnknownOperationException')
      headers['x-amzn-query-error'] = `${error.code.replace(/Exception$/, '')};${error.fault}`;
  }
  return { statusCode: error.statusCode, headers, body: JSON.stringify(body) };
}

export interface WireAnswer {
  statusCode?: number;
  body?: unknown;
}

/**
 * A handler in one protocol: what `answer` returns is the JSON body; what it throws becomes
 * the service's error, and anything unexpected a 500 that says nothing of the cause.
 */
export function wireHandler(
  protocol: WireProtocol,
  names: ErrorNames,
  answer: (event: APIGatewayProxyEventV2) => WireAnswer | Promise<WireAnswer>,
): PlatformHandler {
  return async (event) => {
    const requestId = event.requestContext.requestId;
    try {
      const { statusCode = 200, body = {} } = await answer(event);
      return wireResult(protocol, statusCode, body, requestId);
    } catch (error) {
      const wire = toWireError(error, names);
      if (wire) return wireErrorResult(protocol, wire, requestId);
      console.error(`aws-wire [${requestId}] ${event.rawPath} failed:`, error);
      return wireErrorResult(
        protocol,
        new AwsWireError(500, 'ServiceException', `Internal error; request id ${requestId}`, 'Receiver'),
        requestId,
      );
    }
  };
}

/** JSON protocols carry timestamps as epoch seconds. */
export const epochSeconds = (iso: string | undefined): number | undefined =>
  iso === undefined ? undefined : Date.parse(iso) / 1000;

/** Validates an operation's input; what is wrong, field by field, becomes the service's `code`. */
export function wireInput<S extends z.ZodType>(schema: S, body: unknown, code: string): z.output<S> {
  try {
    return validate(schema, body);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const details = Object.entries(error.details ?? {}).map(([f, p]) => `${f}: ${p.join(', ')}`);
    throw new AwsWireError(400, code, `The request is invalid: ${details.join('; ')}`);
  }
}
