import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { validationFailed, type ErrorDetails } from './api-error.ts';

/** The body exactly as the client sent it; webhook signatures are computed over these bytes. */
export function rawBody(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** The JSON body; a missing or malformed one is a 400, not a 500. */
export function readJsonBody(event: APIGatewayProxyEventV2): unknown {
  const text = rawBody(event);
  if (text === '') throw validationFailed({ body: ['is required: send a JSON object'] });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationFailed({ body: ['is not valid JSON'] });
  }
}

export type Checked<T> = { ok: true; data: T } | { ok: false; details: ErrorDetails };

/**
 * Validates without throwing, so a handler can check the body and a header and report
 * every bad field at once. `root` names the value itself when an issue has no path.
 */
export function check<S extends z.ZodType>(schema: S, value: unknown, root = 'body'): Checked<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const details: ErrorDetails = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || root;
    (details[field] ??= []).push(issue.message);
  }
  return { ok: false, details };
}

/** Validates or throws 400 VALIDATION_FAILED with every failing field in `details`. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, root = 'body'): z.output<S> {
  const result = check(schema, value, root);
  if (!result.ok) throw validationFailed(result.details);
  return result.data;
}

export function parseJsonBody<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> {
  return validate(schema, readJsonBody(event));
}
