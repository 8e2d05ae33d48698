/**
 * What escalation-timer's integration tests share: a policy file in seconds, and the owner's dispute events built
 * from the contract samples (the tests play dispute-intake on the real broker).
 */
import {
  createEnvelope,
  EventType,
  Topics,
  uuidv7,
  type ActiveDeadlineDto,
  type EventEnvelope,
} from '@settle/contracts';
import { eventSamples } from '@settle/contracts/testing';
import type { KafkaTestClient } from '@settle/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Envelopes as tests read them: payload fields without casts. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestEnvelope = EventEnvelope<any>;

export const TEST_POLICY = {
  sellerResponse: 'PT4S',
  platformIntervention: 'PT10S',
  buyerEscalateFrom: 'PT3S',
  buyerEscalateUntil: 'PT60S',
  returnShipment: 'PT4S',
  returnReceipt: 'PT4S',
  staffRulingSla: 'PT3S',
  reminderLead: 'PT2S',
  openAfterShipment: 'P10D',
  openAtOnceIfPromisedUnder: 'P5D',
  protectionAfterPromised: 'P15D',
};

export function writePolicyFile(overrides: Partial<typeof TEST_POLICY> = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'settle-policy-')), 'policy.json');
  writeFileSync(file, JSON.stringify({ ...TEST_POLICY, ...overrides }));
  return file;
}

export const at = (base: number, seconds: number): string => new Date(base + seconds * 1_000).toISOString();

export interface OpenedOptions {
  disputeId?: string;
  orderId?: string;
  sellerId?: string;
  openedAt?: number;
  reason?: 'NOT_RECEIVED' | 'NOT_AS_DESCRIBED' | 'SELLER_REFUSED_SALE' | 'BUYER_REASON';
  subReason?: string;
  deadlines?: ActiveDeadlineDto[];
  order?: Record<string, unknown>;
  evidence?: unknown[];
  description?: string;
  listingAtPurchase?: unknown;
}

/** A dispute.opened as the owner publishes it, with its seller-response and intervention deadlines. */
export function disputeOpened(options: OpenedOptions = {}): EventEnvelope {
  const sample = eventSamples[EventType.DISPUTE_OPENED]();
  const openedAt = options.openedAt ?? Date.now();
  const disputeId = options.disputeId ?? uuidv7();
  const data = {
    ...sample,
    disputeId,
    orderId: options.orderId ?? `ORD-${disputeId.slice(-12)}`,
    sellerId: options.sellerId ?? sample.sellerId,
    reason: options.reason ?? sample.reason,
    subReason: options.subReason ?? sample.subReason,
    openedAt: new Date(openedAt).toISOString(),
    proposal: { ...sample.proposal, proposalId: uuidv7(), submittedAt: new Date(openedAt).toISOString() },
    order: { ...sample.order, ...(options.order ?? {}) },
    ...(options.evidence ? { evidence: options.evidence } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.listingAtPurchase ? { listingAtPurchase: options.listingAtPurchase } : {}),
    deadlines: options.deadlines ?? [
      { kind: 'SELLER_RESPONSE', dueAt: at(openedAt, 4) },
      { kind: 'PLATFORM_INTERVENTION', dueAt: at(openedAt, 10) },
    ],
  };
  return createEnvelope(
    {
      type: EventType.DISPUTE_OPENED,
      source: 'dispute-intake',
      subject: disputeId,
      data,
      sellerId: data.sellerId,
      aggregateVersion: 1,
    },
    { validateData: true },
  );
}

/** A later lifecycle event of the owner: the sample of `type`, with the dispute's id, version and deadlines. */
export function disputeEvent(
  type: EventType,
  disputeId: string,
  version: number,
  patch: Record<string, unknown> = {},
): EventEnvelope {
  const sampleOf = (eventSamples as unknown as Record<string, (() => Record<string, unknown>) | undefined>)[type];
  if (!sampleOf) throw new Error(`no sample payload for ${type}`);
  const sample = sampleOf();
  const data = {
    ...sample,
    disputeId,
    version,
    occurredAt: new Date().toISOString(),
    ...patch,
  };
  return createEnvelope(
    { type, source: 'dispute-intake', subject: disputeId, data, aggregateVersion: version },
    { validateData: true },
  );
}

/** An evidence.added as dispute-intake publishes it for a stored file: the sample, with the dispute and `patch`. */
export function evidenceAdded(disputeId: string, patch: Record<string, unknown> = {}): EventEnvelope {
  const data = { ...eventSamples[EventType.EVIDENCE_ADDED](), evidenceId: uuidv7(), disputeId, ...patch };
  return createEnvelope(
    { type: EventType.EVIDENCE_ADDED, source: 'dispute-intake', subject: disputeId, data },
    { validateData: true },
  );
}

export async function publish(kafka: KafkaTestClient, ...envelopes: EventEnvelope[]): Promise<void> {
  const [first] = envelopes;
  if (!first) return;
  await kafka.produce(
    topicOf(first),
    envelopes.map((envelope) => ({ key: envelope.subject, value: JSON.stringify(envelope) })),
  );
}

function topicOf(envelope: EventEnvelope): string {
  if (envelope.type.startsWith('dispute.') || envelope.type.startsWith('evidence.')) return Topics.DISPUTE_EVENTS;
  if (envelope.type.startsWith('message.')) return Topics.MESSAGE_EVENTS;
  if (envelope.type.startsWith('listing.')) return Topics.LISTING_EVENTS;
  return Topics.ORDER_EVENTS;
}

/** The commands the timer sent about a dispute (optionally of one type). */
export function commandsOf(kafka: KafkaTestClient, disputeId: string, type?: string): TestEnvelope[] {
  return kafka
    .events(Topics.DISPUTE_COMMANDS)
    .filter((envelope) => envelope.subject === disputeId && (type === undefined || envelope.type === type));
}

export function deadlineEventsOf(kafka: KafkaTestClient, disputeId: string, type?: string): TestEnvelope[] {
  return kafka
    .events(Topics.DEADLINE_EVENTS)
    .filter((envelope) => envelope.subject === disputeId && (type === undefined || envelope.type === type));
}
