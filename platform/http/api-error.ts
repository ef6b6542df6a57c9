/** Field path (dotted, e.g. `items.0.quantity`) → what is wrong with it. */
export type ErrorDetails = Record<string, string[]>;

/** An error a handler means to send: it becomes the error envelope with this status and code. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: ErrorDetails | undefined;

  constructor(statusCode: number, code: string, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

/** 404 for both "does not exist" and "belongs to someone else", so ids cannot be probed. */
export const notFound = (what: string): ApiError => new ApiError(404, 'NOT_FOUND', `${what} not found`);

/** The value looked up, or the 404 that names what was asked for. */
export function foundOr404<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw notFound(what);
  return value;
}

export const unauthenticated = (message: string): ApiError => new ApiError(401, 'UNAUTHENTICATED', message);

export const validationFailed = (details: ErrorDetails): ApiError =>
  new ApiError(400, 'VALIDATION_FAILED', 'The request is invalid; see details for each field', details);

export const conflict = (message: string): ApiError => new ApiError(409, 'CONFLICT', message);
