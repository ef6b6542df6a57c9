import { check } from 'k6';
import { MIX, type FlowName } from '../catalog/mix.ts';
import { idempotencyKey, orderBody, paymentIntentBody } from '../catalog/payloads.ts';
import { sameOrder, stringField } from '../catalog/response-checks.ts';
import { call, type CallOptions } from './api.ts';
import type { Session } from './session.ts';

/** The test-wide iteration number (keys, bodies) and the flow's own run count (occasional requests). */
export interface Turn {
  iteration: number;
  occurrence: number;
}

type FlowRun = (session: Session, turn: Turn, phase: string | undefined) => void;

function auth(session: Session, phase: string | undefined, extra: CallOptions = {}): CallOptions {
  return { token: session.token, ...(phase ? { phase } : {}), ...extra };
}

/** Places an order with an Idempotency-Key; returns the key, body and answer for follow-ups. */
function placeOrder(session: Session, iteration: number, phase: string | undefined) {
  const key = idempotencyKey(session.runId, iteration);
  const body = orderBody(session.studentId, session.deliveryDate, session.menuItemIds, iteration);
  const answer = call(session.api, 'orderCreate', auth(session, phase, { body, headers: { 'idempotency-key': key } }));
  return {
    key,
    body,
    answer,
    orderId: answer.status === 201 ? stringField(answer.body, 'id') : undefined,
  };
}

const replayEvery = MIX.find((f) => f.name === 'order')?.occasional?.every ?? 0;

const FLOWS: Record<FlowName, FlowRun> = {
  health: (session, _i, phase) => void call(session.api, 'health', phase ? { phase } : {}),
  'health-ready': (session, _i, phase) => void call(session.api, 'healthReady', phase ? { phase } : {}),
  menus: (session, _i, phase) =>
    void call(
      session.api,
      'menus',
      auth(session, phase, { params: { schoolId: session.schoolId, date: session.menuDate } }),
    ),
  order: (session, { iteration, occurrence }, phase) => {
    const placed = placeOrder(session, iteration, phase);
    if (!placed.orderId) return;
    if (replayEvery > 0 && occurrence % replayEvery === replayEvery - 1) {
      const replay = call(
        session.api,
        'orderReplay',
        auth(session, phase, { body: placed.body, headers: { 'idempotency-key': placed.key } }),
      );
      check(
        replay,
        {
          'order-replay: same order as the first request': (r) => sameOrder(placed.answer.body, r.body),
        },
        {
          endpoint: 'order-replay',
        },
      );
    }
    call(session.api, 'orderGet', auth(session, phase, { params: { orderId: placed.orderId } }));
  },
  payment: (session, { iteration }, phase) => {
    const placed = placeOrder(session, iteration, phase);
    if (!placed.orderId) return;
    call(session.api, 'paymentIntent', auth(session, phase, { body: paymentIntentBody(placed.orderId) }));
  },
};

export function runFlow(name: FlowName, session: Session, turn: Turn, phase: string | undefined): void {
  FLOWS[name](session, turn, phase);
}
