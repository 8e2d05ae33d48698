import { createEnvelope, uuidv7, type EventEnvelope } from '@settle/contracts';
import { openDisputeBody } from '@settle/contracts/testing';
import { DEFAULT_POLICY_JSON } from '@settle/dispute-lifecycle';
import {
  isolatedEnvironment,
  KafkaTestClient,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { DisputeIntakeService } from '../service';
import { Clock } from '@settle/platform';

/** Integration-test harness of dispute-intake: the service on its own schema and topic prefix, keys, a fixed clock. */
export interface IntakeHarness {
  env: TestEnvironment;
  service: RunningService;
  kafka: KafkaTestClient;
  keys: { platform: string; seller: string; otherSeller: string; staff: string };
  dataSource: DataSource;
  setNow(instant: string | Date): void;
  api(
    method: string,
    path: string,
    key: string | null,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  contentType: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any shape, checked by each test
}

export const SELLER = 'S-1';
export const OTHER_SELLER = 'S-2';

export async function startIntake(
  label: string,
  options: { policy?: Record<string, unknown>; env?: Record<string, string>; watch?: string[] } = {},
): Promise<IntakeHarness> {
  const extra: Record<string, string> = { ...options.env };
  if (options.policy) {
    const file = join(mkdtempSync(join(tmpdir(), 'settle-policy-')), 'policy.json');
    writeFileSync(file, JSON.stringify({ ...DEFAULT_POLICY_JSON, ...options.policy }));
    extra.SETTLE_POLICY_FILE = file;
  }
  const env = await isolatedEnvironment(label, extra);
  const kafka = new KafkaTestClient(env.kafkaBrokers, env.topicPrefix);
  if (options.watch?.length) await kafka.watch(options.watch);
  const service = await startService(AppModule, DisputeIntakeService);
  const keys = {
    platform: await service.createKey('platform'),
    seller: await service.createKey('seller', SELLER),
    otherSeller: await service.createKey('seller', OTHER_SELLER),
    staff: await service.createKey('staff'),
  };
  const clock = service.app.get(Clock);
  return {
    env,
    service,
    kafka,
    keys,
    dataSource: service.app.get(DataSource),
    setNow: (instant) => {
      const fixed = new Date(instant);
      clock.now = () => new Date(fixed.getTime());
    },
    api: async (method, path, key, body, headers = {}) => {
      const response = await service.call(method, path, key ?? undefined, body, headers);
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: text ? JSON.parse(text) : undefined,
      };
    },
    close: async () => {
      await kafka.close();
      await service.close();
      await env.cleanup();
    },
  };
}

export const SHIPPED_AT = '2025-06-28T10:00:00.000Z';
/** A Friday; the following Monday (2025-07-14) is a public holiday in France (not in the United States). */
export const OPENED_AT = '2025-07-11T10:00:00.000Z';

let orderCounter = 0;
export function nextOrderId(): string {
  orderCounter += 1;
  return `ORD-${Date.now().toString(36)}-${orderCounter}`;
}

/** A valid `POST /v1/disputes` body (NOT_AS_DESCRIBED, with a photo), opening inside the window at OPENED_AT. */
export function openBody(overrides: Record<string, unknown> = {}, orderOverrides: Record<string, unknown> = {}) {
  return openDisputeBody(
    { orderId: nextOrderId(), buyerId: 'B-42', sellerId: SELLER, listingId: 'L-TASSEL-1' },
    {
      paidAt: '2025-06-27T08:00:00.000Z',
      shippedAt: SHIPPED_AT,
      carrier: 'China Post',
      trackingNumber: 'RR123456789CN',
      buyerCountry: 'US',
      sellerCountry: 'FR',
      ...orderOverrides,
    },
    overrides,
  );
}

/** A command envelope as negotiation or escalation-timer would send it. */
export function commandEnvelope(
  type: string,
  disputeId: string,
  expectedVersion: number,
  actor: { role: string; id: string },
  extra: Record<string, unknown> = {},
): EventEnvelope {
  return createEnvelope(
    {
      type,
      source: 'negotiation',
      subject: disputeId,
      data: {
        commandId: uuidv7(),
        disputeId,
        expectedVersion,
        actor,
        issuedAt: new Date().toISOString(),
        ...extra,
      },
    },
    { validateData: true },
  );
}

export function idempotencyKey(): { 'idempotency-key': string } {
  return { 'idempotency-key': uuidv7() };
}
