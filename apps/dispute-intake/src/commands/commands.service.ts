import { Injectable } from '@nestjs/common';
import {
  assertPayload,
  COMMAND_TYPES,
  EventType,
  Topics,
  type CommandType,
  type DisputeCommandPayload,
  type EventEnvelope,
  type TypedEnvelope,
} from '@settle/contracts';
import type { TrackingFacts, TrackingStatus } from '@settle/dispute-lifecycle';
import {
  dispatch,
  forTypes,
  Outbox,
  PermanentMessageError,
  TransactionRunner,
  type Transaction,
} from '@settle/messaging';
import type { DisputeEntity } from '../disputes/dispute.entity';
import { DisputeCommandsService } from '../disputes/dispute-commands.service';
import { DisputesRepository } from '../disputes/disputes.repository';
import { OrdersRepository } from '../orders/orders.repository';
import type { Refusal } from '../shared/rejections';
import { mapCommand } from './command-mapping';
import { Clock } from '@settle/platform';

export const COMMANDS_CONSUMER = 'dispute-intake.commands';

/**
 * The owner's side of settle.disputes.commands.v1 (docs/ARCHITECTURE.md rule 1): each command is applied with the
 * lifecycle, its events, the new state and the inbox record committed together; or refused with
 * `dispute.command_rejected` (same transaction as the inbox record), never applied silently.
 */
@Injectable()
export class CommandsService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly commands: DisputeCommandsService,
    private readonly orders: OrdersRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    const applying = dispatch(envelope, {
      ...forTypes(COMMAND_TYPES, (payload, command) => this.apply(command, payload)),
    });
    if (!applying) throw new PermanentMessageError(`${envelope.type} is not a dispute command`);
    await applying;
  }

  private async apply(envelope: TypedEnvelope<CommandType>, payload: DisputeCommandPayload): Promise<void> {
    const type = envelope.type;
    const tracking = type === 'dispute.command.escalate' ? await this.trackingOf(payload.disputeId) : undefined;
    await this.transactions.handleOnce(COMMANDS_CONSUMER, envelope, async (tx) => {
      const outcome = await this.commands.applyIn(tx, payload.disputeId, (dispute) =>
        mapCommand(type, payload, dispute, tracking),
      );
      if (!outcome.ok) await this.publishRejection(tx, type, payload, outcome.refusal, outcome.dispute);
    });
  }

  private async publishRejection(
    tx: Transaction,
    commandType: string,
    command: DisputeCommandPayload,
    refusal: Refusal,
    dispute: DisputeEntity | null,
  ): Promise<void> {
    const data = {
      disputeId: command.disputeId,
      commandId: command.commandId,
      commandType,
      category: refusal.category,
      type: refusal.type,
      detail: refusal.detail,
      ...(dispute ? { status: dispute.status, version: dispute.version } : {}),
      expectedVersion: command.expectedVersion,
      actor: command.actor,
      occurredAt: this.clock.now().toISOString(),
    };
    assertPayload(EventType.DISPUTE_COMMAND_REJECTED, data);
    await this.outbox.append(tx, [
      {
        topic: Topics.DISPUTE_EVENTS,
        type: EventType.DISPUTE_COMMAND_REJECTED,
        subject: command.disputeId,
        data,
        ...(dispute ? { sellerId: dispute.sellerId, aggregateVersion: dispute.version } : {}),
      },
    ]);
  }

  /** The latest tracking the order projection knows, for the NOT_RECEIVED escalation rule. */
  private async trackingOf(disputeId: string): Promise<TrackingFacts | undefined> {
    const dispute = await this.disputes.find(disputeId).catch(() => null);
    const order = dispute ? await this.orders.find(dispute.orderId) : null;
    if (!order || (!order.trackingStatus && !order.deliveredAt)) return undefined;
    return {
      ...(order.trackingStatus ? { trackingStatus: order.trackingStatus as TrackingStatus } : {}),
      ...(order.deliveredAt ? { deliveredAt: order.deliveredAt.toISOString() } : {}),
    };
  }
}
