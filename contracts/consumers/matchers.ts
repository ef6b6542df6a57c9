import { MatchersV3 } from '@pact-foundation/pact';
import { PLACEHOLDERS } from '../provider-states.ts';

const { regex, string } = MatchersV3;

/** ISO 8601 UTC with or without fractions: the apps parse it with `new Date()`, nothing stricter. */
export const isoDateTime = (example = '2026-11-22T08:30:00.000Z') =>
  regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]00:00)$/, example);

/** A calendar day as the apps send and show it. */
export const isoDate = (example = '2026-11-23') => MatchersV3.date('yyyy-MM-dd', example);

/** Money is integer paise; both apps format it themselves and only know INR. */
export const inr = () => regex(/^INR$/, 'INR');

/** The apps parse every body as JSON, whatever parameters follow the media type. */
export const jsonContentType = () => regex(/^application\/json(;.*)?$/, 'application/json; charset=utf-8');

/** Sent on every business call; the provider's request filter replaces the placeholder. */
export const bearerToken = () => regex(/^Bearer \S+$/, `Bearer ${PLACEHOLDERS.accessToken}`);

/** One per checkout; the provider's request filter makes it fresh for each verification. */
export const idempotencyKey = () => regex(/^[A-Za-z0-9-]{16,}$/, PLACEHOLDERS.idempotencyKey);

/** The error envelope: the apps branch on `code` and show `message`. */
export const errorBody = (code: unknown) => ({
  error: { code, message: string('A person-readable reason') },
});

/** Any error code: for errors the app treats alike whatever the reason. */
export const anyErrorCode = () => regex(/^[A-Z][A-Z0-9_]*$/, 'ORDER_ALREADY_PAID');
