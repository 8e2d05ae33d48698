/**
 * The dispute lifecycle as a pure state machine, event-sourced:
 *   open(input, now, policy)              -> the first event and state
 *   decide(dispute, command, now, policy) -> { ok: true, events } | { ok: false, rejection }
 *   evolve(dispute, event)                -> the next state; state = events.reduce(evolve, undefined)
 *
 * Where AGREED goes on: the decision that agrees (seller accepts, either side accepts the other's proposal, the
 * seller deadline auto-accepts, the parties agree after escalation) also emits the next step in the same decision:
 * `dispute.resolved` for REFUND_ONLY / NO_REFUND / RESEND, `dispute.return_requested` (starting the return-shipment
 * deadline) for RETURN_AND_REFUND. AGREED is therefore a status an event passes through, never one a stored dispute
 * rests in; `SETTLE_AGREEMENT` moves on a history that somehow stopped there.
 *
 * OPENED and AWAITING_SELLER are one state (docs/DOMAIN.md writes "OPENED/AWAITING_SELLER"): `dispute.opened` leaves the
 * dispute AWAITING_SELLER, since the seller clock starts at opening; every rule for AWAITING_SELLER also accepts a
 * dispute recorded as OPENED.
 */
export type { Decision } from './decision';
export { decide, commandRejected } from './decide';
export * from './evolve';
export * from './open';
export * from './open-actions';
export * from './transitions';
export { isInstantString } from './checks';
