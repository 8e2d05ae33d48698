/** Shared builders for this library's unit tests (not exported from the library). */
import type { Money } from '@settle/contracts/money';
import type { Actor, DisputeCommand, OpenDisputeInput } from './commands';
import type { Dispute } from './domain';
import type { DomainEvent } from './events';
import { decide, evolve, open } from './lifecycle';
import { DEFAULT_POLICY, type Policy } from './policy';
import type { Rejection } from './rejections';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Shipped 2026-02-12 09:00Z with 10 promised days: disputes may be opened from 02-22 09:00Z until 03-09 09:00Z. */
export const SHIPPED_AT = '2026-02-12T09:00:00.000Z';
/** A Monday inside the opening window. */
export const T0 = new Date('2026-03-02T09:00:00.000Z');
export const at = (ms: number): Date => new Date(T0.getTime() + ms);

export const BUYER: Actor = { role: 'BUYER', id: 'B-1' };
export const SELLER: Actor = { role: 'SELLER', id: 'S-1' };
export const STAFF: Actor = { role: 'STAFF', id: 'staff-7' };
export const SYSTEM: Actor = { role: 'SYSTEM', id: 'escalation-timer' };

export const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

export function openInput(overrides: Partial<OpenDisputeInput> = {}): OpenDisputeInput {
  return {
    disputeId: 'D-1',
    orderId: 'O-1',
    buyerId: 'B-1',
    sellerId: 'S-1',
    listingId: 'L-1',
    reason: 'NOT_AS_DESCRIBED',
    subReason: 'QUALITY',
    requested: { type: 'REFUND_ONLY', refund: usd(2_000) },
    evidence: [{ kind: 'PHOTO', url: 'https://img.example/1.jpg' }],
    order: {
      amount: usd(5_000),
      paidAt: '2026-02-10T09:00:00.000Z',
      shippedAt: SHIPPED_AT,
      promisedDeliveryDays: 10,
      trackingStatus: 'DELIVERED',
      deliveredAt: '2026-02-20T09:00:00.000Z',
      buyerCountry: 'US',
      sellerCountry: 'CN',
    },
    ...overrides,
  };
}

export function opened(overrides: Partial<OpenDisputeInput> = {}, now = T0, policy: Policy = DEFAULT_POLICY): Dispute {
  const result = open(openInput(overrides), now, policy);
  if (!result.ok) throw new Error(`open refused: ${result.rejection.type} ${result.rejection.detail}`);
  return result.dispute;
}

type CommandWithoutVersion = DisputeCommand extends infer C
  ? C extends DisputeCommand
    ? Omit<C, 'expectedVersion'> & { expectedVersion?: number }
    : never
  : never;

/** Applies a command that must be accepted; returns the new state and the events. */
export function apply(
  d: Dispute,
  command: CommandWithoutVersion,
  now: Date,
  policy: Policy = DEFAULT_POLICY,
): { state: Dispute; events: readonly DomainEvent[] } {
  const full = { expectedVersion: d.version, ...command } as DisputeCommand;
  const decision = decide(d, full, now, policy);
  if (!decision.ok) throw new Error(`refused: ${decision.rejection.type}: ${decision.rejection.detail}`);
  return { state: decision.events.reduce(evolve, d), events: decision.events };
}

/** Applies a command that must be refused; returns the rejection. */
export function refusal(
  d: Dispute,
  command: CommandWithoutVersion,
  now: Date,
  policy: Policy = DEFAULT_POLICY,
): Rejection {
  const full = { expectedVersion: d.version, ...command } as DisputeCommand;
  const decision = decide(d, full, now, policy);
  if (decision.ok) throw new Error(`accepted unexpectedly: ${decision.events.map((e) => e.type).join(', ')}`);
  return decision.rejection;
}

export const types = (events: readonly DomainEvent[]): string[] => events.map((e) => e.type);
