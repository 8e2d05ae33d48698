import { Inject, Injectable } from '@nestjs/common';
import { decide, evolve, type Dispute, type Policy } from '@settle/dispute-lifecycle';
import type { MappedCommand } from '../commands/command-mapping';
import { disputeNotFound, refusalOf, type Refusal } from '../shared/rejections';
import type { DisputeEntity } from './dispute.entity';
import { DisputeRecorder } from './dispute-recorder';
import { DisputesRepository } from './disputes.repository';
import { toWireEvents, type WireEvent } from './wire-events';
import { Clock, POLICY } from '@settle/platform';
import type { Transaction } from '@settle/messaging';

export type CommandOutcome =
  | { ok: true; dispute: DisputeEntity; events: WireEvent[]; duplicate: boolean }
  | { ok: false; refusal: Refusal; dispute: DisputeEntity | null };

/**
 * Applies one command to one dispute with the lifecycle, inside the caller's transaction: the dispute row is locked
 * (its commands apply one at a time), the decision's events are folded into its state, and state, hash-chained
 * history and outbox rows are written together. A refusal changes nothing.
 */
@Injectable()
export class DisputeCommandsService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly recorder: DisputeRecorder,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async applyIn(tx: Transaction, disputeId: string, map: (dispute: Dispute) => MappedCommand): Promise<CommandOutcome> {
    const entity = await this.disputes.lock(tx, disputeId);
    if (!entity) return { ok: false, refusal: disputeNotFound(disputeId), dispute: null };
    const mapped = map(entity.state);
    if (!mapped.ok) return { ok: false, refusal: mapped.refusal, dispute: entity };
    const { commandId } = mapped.facts;
    if (commandId && (await this.disputes.commandApplied(tx, disputeId, commandId))) {
      // The same command sent again under a new envelope: it was applied once, so nothing more happens.
      return { ok: true, dispute: entity, events: [], duplicate: true };
    }
    const now = this.clock.now();
    const decision = decide(entity.state, mapped.command, now, this.policy);
    if (!decision.ok) return { ok: false, refusal: refusalOf(decision.rejection), dispute: entity };
    const events = toWireEvents(entity.state, decision.events, mapped.facts);
    const state = decision.events.reduce(evolve, entity.state);
    await this.disputes.saveState(tx, disputeId, state, now);
    await this.recorder.record(tx, entity, events);
    const updated = Object.assign(entity, { state, status: state.status, version: state.version, updatedAt: now });
    return { ok: true, dispute: updated, events, duplicate: false };
  }
}
