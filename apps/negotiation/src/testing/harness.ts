/* eslint-disable @typescript-eslint/no-explicit-any -- test support: commands and responses are read loosely, as JSON */
import { createEnvelope, EventType, Topics, uuidv7, type EventEnvelope, type ProposalDto } from '@settle/contracts';
import { eventSamples } from '@settle/contracts/testing';
import { eventually, KafkaTestClient, type RunningService } from '@settle/testing';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** Plays dispute-intake (the dispute's owner) on the real broker: reads our commands, publishes its events. */
export class OwnerSimulator {
  constructor(private readonly kafka: KafkaTestClient) {}

  async publish(
    disputeId: string,
    sellerId: string,
    type: string,
    data: object,
    version?: number,
  ): Promise<EventEnvelope> {
    const envelope = createEnvelope(
      { type, source: 'dispute-intake', subject: disputeId, sellerId, data, aggregateVersion: version },
      { validateData: true },
    );
    await this.kafka.produce(Topics.DISPUTE_EVENTS, [{ key: disputeId, value: JSON.stringify(envelope) }]);
    return envelope;
  }

  /** Opens a dispute (version 1, AWAITING_SELLER) for `sellerId` and `buyerId`. */
  async open(sellerId: string, buyerId = `B-${uuidv7().slice(-6)}`, orderId = `ORD-${uuidv7().slice(-8)}`) {
    const opening = this.opening(sellerId, buyerId, orderId);
    await opening.publish();
    return opening.dispute;
  }

  /** A dispute about to be opened: its ids now, its `dispute.opened` when `publish` is called (a projection behind). */
  opening(sellerId: string, buyerId = `B-${uuidv7().slice(-6)}`, orderId = `ORD-${uuidv7().slice(-8)}`) {
    const disputeId = uuidv7();
    const opened = eventSamples['dispute.opened']();
    const proposal: ProposalDto = { ...opened.proposal, proposalId: uuidv7(), submittedAt: new Date().toISOString() };
    const data = { ...opened, disputeId, sellerId, buyerId, orderId, proposal, openedAt: new Date().toISOString() };
    return {
      dispute: { disputeId, sellerId, buyerId, orderId, buyerProposal: proposal },
      publish: () => this.publish(disputeId, sellerId, EventType.DISPUTE_OPENED, data, 1),
    };
  }

  /** The next command of `type` on dispute `disputeId` (as sent through our outbox). */
  async command(disputeId: string, type: string): Promise<EventEnvelope<any>> {
    const message = await this.kafka.waitForMessage(
      Topics.DISPUTE_COMMANDS,
      (candidate) => candidate.key === disputeId && candidate.value.includes(`"type":"${type}"`),
    );
    return JSON.parse(message.value) as EventEnvelope<any>;
  }

  /** A lifecycle event answering `command` (its commandId), version `version`. */
  transition(command: EventEnvelope<any>, version: number, status: string, previousStatus: string, extra: object = {}) {
    return {
      disputeId: command.data.disputeId,
      status,
      previousStatus,
      version,
      occurredAt: new Date().toISOString(),
      actor: command.data.actor,
      commandId: command.data.commandId,
      deadlines: [],
      ...extra,
    };
  }

  async reject(
    command: EventEnvelope<any>,
    sellerId: string,
    rule: { type: string; category: string; detail: string; status: string; version: number },
  ) {
    return this.publish(command.data.disputeId, sellerId, EventType.DISPUTE_COMMAND_REJECTED, {
      disputeId: command.data.disputeId,
      commandId: command.data.commandId,
      commandType: command.type,
      category: rule.category,
      type: rule.type,
      detail: rule.detail,
      status: rule.status,
      version: rule.version,
      expectedVersion: command.data.expectedVersion,
      actor: command.data.actor,
      occurredAt: new Date().toISOString(),
    });
  }
}

export interface ReceivedRequest {
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
}

export type ReceiverBehaviour = 'ok' | 'fail' | 'gone' | 'hang';

/** A seller's endpoint on 127.0.0.1: records every request and answers as told (a queue of behaviours, then a default). */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();
  behaviours: ReceiverBehaviour[] = [];

  constructor(public defaultBehaviour: ReceiverBehaviour = 'ok') {}

  get url(): string {
    const address = this.server!.address() as { port: number };
    return `http://127.0.0.1:${address.port}/hooks`;
  }

  get openRequests(): number {
    return this.hanging.size;
  }

  async start(): Promise<void> {
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers))
          if (typeof value === 'string') headers[name] = value;
        this.requests.push({ headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() });
        const behaviour = this.behaviours.shift() ?? this.defaultBehaviour;
        if (behaviour === 'hang') {
          this.hanging.add(response);
          response.on('close', () => this.hanging.delete(response));
          return;
        }
        response.statusCode = behaviour === 'ok' ? 204 : behaviour === 'gone' ? 410 : 500;
        response.end();
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  events(): EventEnvelope[] {
    return this.requests.map((request) => JSON.parse(request.body) as EventEnvelope);
  }
}

/** `service.call` with the body read: the status, the headers and the parsed JSON. */
export function api(service: RunningService) {
  return async (method: string, path: string, key: string | undefined, body?: unknown) => {
    const response = await service.call(method, path, key, body);
    const text = await response.text();
    const parsed: any = text ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

/** Waits until the service's projection knows the dispute at `version` (or later). */
export async function projected(call: ReturnType<typeof api>, key: string, disputeId: string, version = 1) {
  return eventually(
    async () => {
      const response = await call('GET', `/v1/disputes/${disputeId}/proposals`, key);
      return response.status === 200 && response.body.version >= version ? response.body : undefined;
    },
    { what: `dispute ${disputeId} at version ${version} in the projection` },
  );
}
