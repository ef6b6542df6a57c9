/**
 * Provider states, named in the domain's words. Consumers name them in `given(...)`;
 * the provider side (provider/state-handlers.ts) sets each one up and returns the
 * values the consumer pulled in with `fromProviderState`, so ids never have to match
 * between the pact and the environment being verified.
 */
export const STATES = {
  parentWithStudent: 'a parent with one student exists',
  menuForTomorrow: 'the school has a menu for tomorrow',
  orderAwaitingPayment: 'an order awaiting payment exists',
  paidOrder: 'an order that has been paid exists',
} as const;

export type StateName = (typeof STATES)[keyof typeof STATES];

/**
 * Placeholders the consumer pacts carry where a live value must be used. The provider's
 * request filter swaps exactly these values, so an interaction that sends a deliberately
 * wrong token (the expired-session one) keeps it.
 */
export const PLACEHOLDERS = {
  accessToken: 'pact-placeholder-access-token',
  idempotencyKey: '00000000-0000-4000-8000-00000000cafe',
} as const;
