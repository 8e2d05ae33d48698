import {
  CommandType,
  type AcceptProposalCommand,
  type ActorDto,
  type AutoAcceptCommand,
  type CancelCommand,
  type DisputeCommandPayload,
  type EscalateCommand,
  type MarkReturnReceivedCommand,
  type MarkReturnShippedCommand,
  type ProposalTermsDto,
  type RecordDeadlineAdjustmentCommand,
  type RecordRulingCommand,
  type SellerAcceptCommand,
  type SellerRejectCommand,
  type SubmitProposalCommand,
} from '@settle/contracts';
import {
  reject,
  type Actor,
  type Dispute,
  type DisputeCommand,
  type ProposalInput,
  type TrackingFacts,
} from '@settle/dispute-lifecycle';
import type { CommandFacts } from '../disputes/wire-events';
import { refusalOf, type Refusal } from '../shared/rejections';

/*
 * The contract's commands (settle.disputes.commands.v1, what negotiation and escalation-timer send) as the
 * lifecycle's commands, plus the facts the lifecycle does not keep but the published events carry (ids minted by
 * the sender, notes, evidence). Pure: no I/O, so every mapping is unit-tested.
 */

export type MappedCommand =
  { ok: true; command: DisputeCommand; facts: CommandFacts } | { ok: false; refusal: Refusal };

/** The contract's actor as the lifecycle's. The platform key acts for the buyer (docs/CONTRACT.md). */
export function lifecycleActor(actor: ActorDto, dispute: Dispute): Actor {
  switch (actor.role) {
    case 'BUYER':
      return { role: 'BUYER', id: actor.id };
    case 'SELLER':
      return { role: 'SELLER', id: actor.id };
    case 'STAFF':
      return { role: 'STAFF', id: actor.id };
    case 'SYSTEM':
      return { role: 'SYSTEM', id: actor.id };
    case 'PLATFORM':
      return { role: 'BUYER', id: dispute.buyerId };
  }
}

function terms(proposal: ProposalTermsDto): ProposalInput {
  return {
    proposalId: proposal.proposalId,
    type: proposal.type,
    ...(proposal.refund
      ? { refund: { amountMinor: proposal.refund.amountMinor, currency: proposal.refund.currency } }
      : {}),
    ...(proposal.expiresAt ? { expiresAt: proposal.expiresAt } : {}),
  };
}

/**
 * Maps one command. `type` is the envelope's type, `payload` its validated data, `tracking` the latest tracking the
 * order projection knows (for the NOT_RECEIVED escalation rule).
 */
export function mapCommand(
  type: CommandType,
  payload: DisputeCommandPayload,
  dispute: Dispute,
  tracking?: TrackingFacts,
): MappedCommand {
  const base = {
    expectedVersion: payload.expectedVersion,
    actor: lifecycleActor(payload.actor, dispute),
    commandId: payload.commandId,
  };
  const facts: CommandFacts = { actor: payload.actor, commandId: payload.commandId };
  const ok = (command: DisputeCommand, extra: Partial<CommandFacts> = {}): MappedCommand => ({
    ok: true,
    command,
    facts: { ...facts, ...extra },
  });
  switch (type) {
    case CommandType.SELLER_ACCEPT: {
      const c = payload as SellerAcceptCommand;
      const extra = c.message ? { message: c.message } : {};
      return c.proposalId
        ? ok({ ...base, type: 'ACCEPT_PROPOSAL', proposalId: c.proposalId }, extra)
        : ok({ ...base, type: 'SELLER_RESPOND', action: 'ACCEPT' }, extra);
    }
    case CommandType.SELLER_REJECT: {
      const c = payload as SellerRejectCommand;
      return ok(
        { ...base, type: 'SELLER_RESPOND', action: 'REJECT', proposal: terms(c.proposal), message: c.message },
        { message: c.message },
      );
    }
    case CommandType.SUBMIT_PROPOSAL: {
      const c = payload as SubmitProposalCommand;
      return ok(
        { ...base, type: 'SUBMIT_PROPOSAL', proposal: terms(c.proposal) },
        c.supersedesProposalId ? { supersedesProposalId: c.supersedesProposalId } : {},
      );
    }
    case CommandType.ACCEPT_PROPOSAL:
      return ok({ ...base, type: 'ACCEPT_PROPOSAL', proposalId: (payload as AcceptProposalCommand).proposalId });
    case CommandType.ESCALATE: {
      const c = payload as EscalateCommand;
      const extra = { ...(c.note ? { note: c.note } : {}), ...(c.deadlineId ? { deadlineId: c.deadlineId } : {}) };
      return c.cause === 'INTERVENTION_DEADLINE'
        ? ok({ ...base, type: 'DEADLINE_PASSED', kind: 'PLATFORM_INTERVENTION' }, extra)
        : ok({ ...base, type: 'ESCALATE', ...(tracking ? { tracking } : {}) }, extra);
    }
    case CommandType.AUTO_ACCEPT: {
      const c = payload as AutoAcceptCommand;
      const current = dispute.currentBuyerProposal;
      if (current && current.proposalId !== c.proposalId) {
        return {
          ok: false,
          refusal: refusalOf(
            reject(
              'PROPOSAL_SUPERSEDED',
              `The deadline ran for proposal ${c.proposalId}; the buyer's proposal is now ${current.proposalId}.`,
            ),
          ),
        };
      }
      return ok({ ...base, type: 'DEADLINE_PASSED', kind: 'SELLER_RESPONSE' }, { deadlineId: c.deadlineId });
    }
    case CommandType.MARK_RETURN_SHIPPED: {
      const c = payload as MarkReturnShippedCommand;
      return ok(
        { ...base, type: 'SHIP_RETURN', carrier: c.carrier, trackingNumber: c.trackingNumber },
        { shippedAt: c.shippedAt },
      );
    }
    case CommandType.MARK_RETURN_RECEIVED: {
      const c = payload as MarkReturnReceivedCommand;
      return ok(
        { ...base, type: 'CONFIRM_RETURN_RECEIPT', condition: c.condition, ...(c.note ? { note: c.note } : {}) },
        { receivedAt: c.receivedAt, ...(c.evidence ? { evidence: c.evidence } : {}) },
      );
    }
    case CommandType.EXPIRE_RETURN_SHIPMENT:
      return ok(
        { ...base, type: 'DEADLINE_PASSED', kind: 'RETURN_SHIPMENT' },
        { deadlineId: (payload as AutoAcceptCommand).deadlineId },
      );
    case CommandType.EXPIRE_RETURN_RECEIPT:
      return ok(
        { ...base, type: 'DEADLINE_PASSED', kind: 'RETURN_RECEIPT' },
        { deadlineId: (payload as AutoAcceptCommand).deadlineId },
      );
    case CommandType.RECORD_RULING: {
      const { ruling, escalationId } = payload as RecordRulingCommand;
      return ok(
        {
          ...base,
          type: 'RULE',
          outcome: ruling.outcome,
          ...(ruling.refund
            ? { refund: { amountMinor: ruling.refund.amountMinor, currency: ruling.refund.currency } }
            : {}),
          rationale: ruling.rationale,
          citations: ruling.citations.map((citation) => ({ kind: citation.kind, ref: citation.ref })),
        },
        { rulingId: ruling.rulingId, citations: ruling.citations, ...(escalationId ? { escalationId } : {}) },
      );
    }
    case CommandType.CANCEL: {
      const c = payload as CancelCommand;
      return ok({ ...base, type: 'CANCEL', ...(c.reason ? { reason: c.reason } : {}) });
    }
    case CommandType.RECORD_DEADLINE_ADJUSTMENT: {
      const { adjustment: a } = payload as RecordDeadlineAdjustmentCommand;
      const common = { ...base, type: 'ADJUST_DEADLINE' as const, kind: a.kind, reasonCode: a.reasonCode };
      const note = a.note ? { note: a.note } : {};
      const extra = { deadlineId: a.deadlineId };
      switch (a.action) {
        case 'EXTEND':
          return ok({ ...common, ...note, action: 'EXTEND', until: a.dueAt ?? '' }, extra);
        case 'PAUSE':
          return ok({ ...common, ...note, action: 'PAUSE' }, extra);
        case 'RESUME':
          return ok({ ...common, ...note, action: 'RESUME' }, extra);
      }
    }
  }
  return {
    ok: false,
    refusal: {
      type: 'UNKNOWN_COMMAND',
      category: 'RULE_VIOLATION',
      detail: `"${String(type)}" is not a dispute command.`,
    },
  };
}
