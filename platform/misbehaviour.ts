/**
 * Quiet bugs the reference platform can be told to have (HASIVU_TEST_MISBEHAVIOUR), the kind a
 * real deployment has and a control plane does not show. They exist so the drills' tests can
 * prove each drill fails on the bug it claims to catch; an honest platform has none.
 */
export const MISBEHAVIOURS = [
  /** An automatic rollback leaves a small share of invocations on the rolled-back version while the alias reads clean. */
  'rollback-leak',
  /** An automatic rollback happens an hour (60 deploy minutes) after the alarm instead of at once. */
  'late-rollback',
  /** While Redis is down, createOrder commits the order and then answers 503. */
  'commit-then-fail',
  /** Once createOrder has seen Postgres down, it keeps answering 503 after Postgres (and readiness) are back. */
  'orders-stay-broken',
] as const;

export type Misbehaviour = (typeof MISBEHAVIOURS)[number];

/** The share of invocations a leaking rollback keeps sending to the rolled-back version. */
export const ROLLBACK_LEAK_SHARE = 0.03;

/** How many deploy minutes a late rollback waits after the alarm. */
export const LATE_ROLLBACK_MINUTES = 60;
