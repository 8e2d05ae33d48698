import { DISPUTE_TRANSITION_TYPES, EventType, type EventEnvelope, type OrderPaidPayload } from '@settle/contracts';
import { sampleEnvelope } from '@settle/contracts/testing';
import { dispatch, forTypes, handles, type MessageHandlers } from './dispatch';

describe('typed dispatch', () => {
  it("gives the handler registered for a type that type's payload and envelope", () => {
    const paid = sampleEnvelope(EventType.ORDER_PAID) as EventEnvelope;
    const seen: OrderPaidPayload[] = [];
    const result = dispatch(paid, {
      // `payload` is OrderPaidPayload here without a cast: the key decides its type.
      [EventType.ORDER_PAID]: (payload, envelope) => {
        seen.push(payload);
        return `${envelope.type} ${payload.amount.currency} ${payload.orderId}`;
      },
      [EventType.ORDER_SHIPPED]: (payload) => `shipped ${payload.carrier}`,
    });
    expect(seen).toEqual([paid.data]);
    expect(result).toBe(`order.paid USD ${(paid.data as OrderPaidPayload).orderId}`);
  });

  it('calls only the handler of the envelope type, and nothing for a type no handler names', () => {
    const calls: string[] = [];
    const handlers: MessageHandlers<void> = {
      [EventType.ORDER_PAID]: () => void calls.push('paid'),
      [EventType.ORDER_SHIPPED]: () => void calls.push('shipped'),
    };
    dispatch(sampleEnvelope(EventType.ORDER_SHIPPED) as EventEnvelope, handlers);
    expect(calls).toEqual(['shipped']);
    expect(dispatch(sampleEnvelope(EventType.ORDER_DELIVERED) as EventEnvelope, handlers)).toBeUndefined();
    expect(dispatch({ ...sampleEnvelope(EventType.ORDER_PAID), type: 'order.unknown' }, handlers)).toBeUndefined();
    expect(calls).toEqual(['shipped']);
  });

  it('says whether a map handles a type (a consumer skips the inbox for a type it ignores)', () => {
    const handlers: MessageHandlers<void> = { [EventType.LISTING_UPSERTED]: () => undefined };
    expect(handles({ type: EventType.LISTING_UPSERTED }, handlers)).toBe(true);
    expect(handles({ type: EventType.LISTING_FLAGGED }, handlers)).toBe(false);
    expect(handles({ type: 'toString' }, handlers)).toBe(false);
  });
});

describe('forTypes', () => {
  it('registers one handler for several types, reading what their payloads share', () => {
    const handlers: MessageHandlers<number> = {
      ...forTypes(DISPUTE_TRANSITION_TYPES, (transition) => transition.version),
      [EventType.DISPUTE_OPENED]: () => 0,
    };
    expect(dispatch(sampleEnvelope(EventType.DISPUTE_OPENED) as EventEnvelope, handlers)).toBe(0);
    const agreed = sampleEnvelope(EventType.DISPUTE_AGREED);
    expect(dispatch(agreed as EventEnvelope, handlers)).toBe(agreed.data.version);
    expect(dispatch(sampleEnvelope(EventType.DISPUTE_COMMAND_REJECTED) as EventEnvelope, handlers)).toBeUndefined();
  });
});
