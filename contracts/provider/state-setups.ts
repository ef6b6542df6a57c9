import type { Target } from '../../runner/target.ts';
import { STATES, type StateName } from '../provider-states.ts';
import type { PlatformSession } from './platform-session.ts';

/** Values handed back to the verifier for `fromProviderState` expressions. */
export type StateValues = Record<string, string | number | boolean>;

export interface StateContext {
  target: Target;
  session: PlatformSession;
}

export interface StateSetup {
  /** Why this state cannot be set up on this target (a missing secret), or undefined when it can. */
  unavailable(target: Target): string | undefined;
  setup(context: StateContext): Promise<StateValues>;
}

const needsParentLogin = (target: Target): string | undefined =>
  target.credentials.password
    ? undefined
    : `needs the parent account's password: set HARNESS_USER_PASSWORD for ${target.credentials.email} (HARNESS_USER_EMAIL)`;

/**
 * The built-in way to reach each state: through the target's public API, as the
 * profile's parent account. On the reference platform the parent and its student
 * come from the platform's own seed (platform/db/seed.ts), and the webhook secret
 * from startPlatform; on another environment the same calls work once its
 * credentials are given, and the HARNESS_CONTRACT_STATES hook can replace any of them.
 */
export const BUILT_IN_STATE_SETUPS: Readonly<Record<StateName, StateSetup>> = {
  [STATES.parentWithStudent]: {
    unavailable: needsParentLogin,
    async setup({ session }) {
      const { email, password, schoolId, studentId } = await session.parent();
      return { email, password, schoolId, studentId };
    },
  },
  [STATES.menuForTomorrow]: {
    unavailable: needsParentLogin,
    async setup({ session }) {
      const { schoolId, menuDate, menuItemId } = await session.menuItem();
      return { schoolId, menuDate, menuItemId };
    },
  },
  [STATES.orderAwaitingPayment]: {
    unavailable: needsParentLogin,
    async setup({ session }) {
      return { orderId: await session.placeOrder() };
    },
  },
  [STATES.paidOrder]: {
    unavailable: (target) =>
      needsParentLogin(target) ??
      (target.webhookSecret
        ? undefined
        : 'needs a paid order: set HARNESS_WEBHOOK_SECRET to the Razorpay webhook secret of this environment, ' +
          'or provide this state through the HARNESS_CONTRACT_STATES hook (docs/contracts.md)'),
    async setup({ session, target }) {
      const paidOrderId = await session.placeOrder();
      await session.payOrder(paidOrderId, target.webhookSecret ?? '');
      return { paidOrderId };
    },
  },
};
