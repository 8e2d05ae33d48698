import { Injectable } from '@nestjs/common';
import {
  CommandType,
  Topics,
  uuidv7,
  validatePayload,
  type ActorDto,
  type DisputeCommandRejectedPayload,
  type ProposalTermsDto,
} from '@settle/contracts';
import { Outbox, TransactionRunner, type Transaction } from '@settle/messaging';
import {
  awaitProjection,
  Clock,
  Conflict,
  DomainError,
  NotFound,
  type Principal,
  RuleViolation,
  ruleRefused,
  ValidationFailed,
} from '@settle/platform';
import { NegotiationConfig } from '../config/negotiation.config';
import { lintMessage, type ToneReport } from '../tone/tone-lint';
import { CommandOutcomes } from './command-outcomes';
import { CommandStatus, DisputesRepository, type SentCommand } from './disputes.repository';
import type {
  ProposalBody,
  ReturnReceiptBody,
  ReturnShipmentBody,
  SellerResponseBody,
  SubmitProposalBody,
} from './dto/party-actions.dto';
import { currentBuyerProposal, isClosed, isExpired, ProposalState, type DisputeView } from './projection';
import { rejectionError } from './rejection';

/** A command checked and ready to be recorded and sent (PartyActionsService.recordCommands). */
interface PreparedCommand {
  id: string;
  view: DisputeView;
  type: CommandType;
  actor: ActorDto;
  expectedVersion: number;
  createdAt: string;
  data: Record<string, unknown>;
}

/** What a party action answers: the applied result, or a command still waiting for the owner (202). */
export type ActionResult =
  | { status: 'APPLIED'; commandId: string; dispute: DisputeView; lint?: ToneReport }
  | { status: 'PENDING'; commandId: string; location: string; lint?: ToneReport };

/**
 * Party actions: check the projection (the dispute exists, the caller is its party, the proposal is acceptable),
 * send the command with the version the caller saw to the owner (dispute-intake) through the outbox, and wait
 * briefly for the owner's answer.
 */
@Injectable()
export class PartyActionsService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly outcomes: CommandOutcomes,
    private readonly config: NegotiationConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The dispute as the caller may see it: a seller only its own (else 404, so ids do not leak). A dispute just opened
   * at dispute-intake that this projection has not heard of yet is waited for, up to PARTY_ACTION_WAIT_MS, then
   * answered 503 PROJECTION_BEHIND with Retry-After (awaitProjection), never 404.
   */
  async viewFor(principal: Principal, disputeId: string): Promise<DisputeView> {
    const view = await awaitProjection(
      'Dispute',
      disputeId,
      () => this.disputes.findView(disputeId),
      (found) => !(principal.role === 'seller' && principal.sellerId !== found.sellerId),
      this.config.PARTY_ACTION_WAIT_MS,
    );
    if (!view) throw new NotFound('Dispute', disputeId);
    return view;
  }

  async respond(principal: Principal, disputeId: string, body: SellerResponseBody): Promise<ActionResult> {
    return this.catchingUp(disputeId, body.expectedVersion, () => this.respondOnce(principal, disputeId, body));
  }

  async submitProposal(principal: Principal, disputeId: string, body: SubmitProposalBody): Promise<ActionResult> {
    return this.catchingUp(disputeId, body.expectedVersion, () => this.submitProposalOnce(principal, disputeId, body));
  }

  async acceptProposal(
    principal: Principal,
    disputeId: string,
    proposalId: string,
    expectedVersion?: number,
  ): Promise<ActionResult> {
    return this.catchingUp(disputeId, expectedVersion, () =>
      this.acceptProposalOnce(principal, disputeId, proposalId, expectedVersion),
    );
  }

  async shipReturn(principal: Principal, disputeId: string, body: ReturnShipmentBody): Promise<ActionResult> {
    return this.catchingUp(disputeId, body.expectedVersion, () => this.shipReturnOnce(principal, disputeId, body));
  }

  async receiveReturn(principal: Principal, disputeId: string, body: ReturnReceiptBody): Promise<ActionResult> {
    return this.catchingUp(disputeId, body.expectedVersion, () => this.receiveReturnOnce(principal, disputeId, body));
  }

  private async respondOnce(principal: Principal, disputeId: string, body: SellerResponseBody): Promise<ActionResult> {
    const view = await this.openViewFor(principal, disputeId);
    const actor = this.actorOf(principal, view);
    if (body.action === 'ACCEPT') {
      if (body.proposal) throw new ValidationFailed([{ field: 'proposal', message: 'is only sent with REJECT' }]);
      const proposal = currentBuyerProposal(view);
      if (proposal && isExpired(proposal, this.clock.now())) throw proposalExpired(proposal.proposalId);
      return this.send(
        view,
        CommandType.SELLER_ACCEPT,
        actor,
        body.expectedVersion,
        {
          ...(proposal ? { proposalId: proposal.proposalId } : {}),
          ...(body.message ? { message: body.message } : {}),
        },
        body.message,
      );
    }
    return this.send(
      view,
      CommandType.SELLER_REJECT,
      actor,
      body.expectedVersion,
      { proposal: this.terms(body.proposal!, 'proposal'), message: body.message! },
      body.message,
    );
  }

  private async submitProposalOnce(
    principal: Principal,
    disputeId: string,
    body: SubmitProposalBody,
  ): Promise<ActionResult> {
    const view = await this.openViewFor(principal, disputeId);
    const actor = this.actorOf(principal, view);
    const commandId = await this.transactions.run((tx) => this.proposeIn(tx, view, actor, body));
    return this.outcomeOf(view, commandId);
  }

  /**
   * A party's proposal as a command in the caller's transaction, under the rules of POST /v1/disputes/{id}/proposals
   * (an open dispute, only one's own proposal superseded, valid terms); the owner decides the rest. The one proposal
   * path: the REST action and the seller's proposals of a supply incident both come here. Returns the command id.
   */
  async proposeIn(tx: Transaction, view: DisputeView, actor: ActorDto, body: SubmitProposalBody): Promise<string> {
    const [outcome] = await this.proposeEachIn(tx, [{ view, actor, body }]);
    if (!outcome || 'refused' in outcome) throw outcome?.refused ?? new Error('no proposal outcome');
    return outcome.commandId;
  }

  /**
   * proposeIn for several disputes at once (a supply incident's batch): each proposal is checked by the same rules;
   * one a rule refuses is answered with its DomainError and sends nothing, the others are recorded and put in the
   * outbox with one statement each for all of them, in the caller's transaction. Outcomes in the order of `requests`.
   */
  async proposeEachIn(
    tx: Transaction,
    requests: { view: DisputeView; actor: ActorDto; body: SubmitProposalBody }[],
  ): Promise<({ commandId: string } | { refused: DomainError })[]> {
    const commands: PreparedCommand[] = [];
    const outcomes = requests.map(({ view, actor, body }) => {
      try {
        refuseClosed(view);
        if (body.supersedesProposalId) {
          const superseded = view.proposals.find((proposal) => proposal.proposalId === body.supersedesProposalId);
          if (!superseded) throw new NotFound('Proposal', body.supersedesProposalId);
          if (superseded.by !== actor.role) {
            throw new RuleViolation('NOT_OWN_PROPOSAL', 'A party may only supersede its own proposal.');
          }
        }
        const command = this.prepareCommand(view, CommandType.SUBMIT_PROPOSAL, actor, body.expectedVersion, {
          proposal: this.terms(body, ''),
          ...(body.supersedesProposalId ? { supersedesProposalId: body.supersedesProposalId } : {}),
        });
        commands.push(command);
        return { commandId: command.id };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return { refused: error };
      }
    });
    await this.recordCommands(tx, commands);
    return outcomes;
  }

  private async acceptProposalOnce(
    principal: Principal,
    disputeId: string,
    proposalId: string,
    expectedVersion?: number,
  ): Promise<ActionResult> {
    const view = await this.openViewFor(principal, disputeId);
    const actor = this.actorOf(principal, view);
    const proposal = view.proposals.find((candidate) => candidate.proposalId === proposalId);
    if (!proposal) throw new NotFound('Proposal', proposalId);
    if (proposal.by === actor.role) {
      throw ruleRefused(
        'CANNOT_ACCEPT_OWN_PROPOSAL',
        `Proposal ${proposalId} is the ${actor.role.toLowerCase()}'s own.`,
      );
    }
    if (isExpired(proposal, this.clock.now())) throw proposalExpired(proposalId);
    if (proposal.state !== ProposalState.OPEN) {
      throw new Conflict(
        'PROPOSAL_NOT_OPEN',
        `Proposal ${proposalId} is ${proposal.state} and can no longer be accepted.`,
      );
    }
    return this.send(view, CommandType.ACCEPT_PROPOSAL, actor, expectedVersion, { proposalId });
  }

  private async shipReturnOnce(
    principal: Principal,
    disputeId: string,
    body: ReturnShipmentBody,
  ): Promise<ActionResult> {
    const view = await this.openViewFor(principal, disputeId);
    return this.send(view, CommandType.MARK_RETURN_SHIPPED, this.actorOf(principal, view), body.expectedVersion, {
      carrier: body.carrier,
      trackingNumber: body.trackingNumber,
      shippedAt: this.clock.now().toISOString(),
    });
  }

  private async receiveReturnOnce(
    principal: Principal,
    disputeId: string,
    body: ReturnReceiptBody,
  ): Promise<ActionResult> {
    const view = await this.openViewFor(principal, disputeId);
    const now = this.clock.now().toISOString();
    return this.send(view, CommandType.MARK_RETURN_RECEIVED, this.actorOf(principal, view), body.expectedVersion, {
      condition: body.condition,
      ...(body.note ? { note: body.note } : {}),
      ...(body.evidence
        ? { evidence: body.evidence.map((item) => ({ ...item, evidenceId: uuidv7(), addedAt: now })) }
        : {}),
      receivedAt: now,
    });
  }

  /** A command this service sent, for the 202's Location: pending, applied (with the dispute), or rejected. */
  async command(principal: Principal, commandId: string) {
    const command = await this.disputes.findCommand(commandId);
    if (!command) throw new NotFound('Command', commandId);
    const view = await this.viewFor(principal, command.disputeId).catch(() => {
      throw new NotFound('Command', commandId);
    });
    return { ...describe(command), dispute: view };
  }

  /**
   * This service's projection may trail the owner by an event or two (the owner has just applied the previous
   * action). A caller who pinned no `expectedVersion` meant "the dispute as it is now": when the owner refuses
   * the command as stale, wait for the projection to reach the owner's version, then decide once more (the
   * checks run again on the newer state). A pinned version that is stale stays refused.
   */
  private async catchingUp(
    disputeId: string,
    pinned: number | undefined,
    action: () => Promise<ActionResult>,
  ): Promise<ActionResult> {
    try {
      return await action();
    } catch (error) {
      const ownerVersion =
        error instanceof DomainError && error.code === 'STALE_VERSION' ? error.extensions.version : undefined;
      if (pinned !== undefined || typeof ownerVersion !== 'number') throw error;
      const deadline = Date.now() + this.config.PARTY_ACTION_WAIT_MS;
      while (((await this.disputes.findView(disputeId))?.version ?? 0) < ownerVersion) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return action();
    }
  }

  private async openViewFor(principal: Principal, disputeId: string): Promise<DisputeView> {
    const view = await this.viewFor(principal, disputeId);
    refuseClosed(view);
    return view;
  }

  /** The platform key acts for the buyer; a seller key for its own seller; staff are not a party. */
  private actorOf(principal: Principal, view: DisputeView): ActorDto {
    if (principal.role === 'platform') return { role: 'BUYER', id: view.buyerId };
    if (principal.role === 'seller') return { role: 'SELLER', id: view.sellerId };
    throw new DomainError(
      'forbidden',
      'NOT_A_PARTY',
      'Only the buyer (through the platform) or the seller act on a dispute.',
    );
  }

  private terms(body: ProposalBody, prefix: string): ProposalTermsDto {
    const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
    const refunding = body.type === 'REFUND_ONLY' || body.type === 'RETURN_AND_REFUND';
    if (!refunding && body.refund) {
      throw new ValidationFailed([{ field: field('refund'), message: `is not sent with ${body.type}` }]);
    }
    if (body.expiresAt && Date.parse(body.expiresAt) <= this.clock.now().getTime()) {
      throw new RuleViolation('EXPIRES_IN_THE_PAST', `${field('expiresAt')} must be in the future.`, {
        errors: [{ field: field('expiresAt'), message: 'must be in the future' }],
      });
    }
    return {
      proposalId: uuidv7(),
      type: body.type,
      ...(refunding ? { refund: { amountMinor: body.refund!.amountMinor, currency: body.refund!.currency } } : {}),
      ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}),
    };
  }

  private async send(
    view: DisputeView,
    type: CommandType,
    actor: ActorDto,
    expectedVersion: number | undefined,
    fields: Record<string, unknown>,
    message?: string,
  ): Promise<ActionResult> {
    const commandId = await this.transactions.run((tx) =>
      this.commandIn(tx, view, type, actor, expectedVersion, fields),
    );
    return this.outcomeOf(view, commandId, message);
  }

  /** The command, validated against its contract, recorded and put in the outbox in the caller's transaction. */
  private async commandIn(
    tx: Transaction,
    view: DisputeView,
    type: CommandType,
    actor: ActorDto,
    expectedVersion: number | undefined,
    fields: Record<string, unknown>,
  ): Promise<string> {
    const command = this.prepareCommand(view, type, actor, expectedVersion, fields);
    await this.recordCommands(tx, [command]);
    return command.id;
  }

  /** A command to the owner, validated against its contract (ValidationFailed when it breaks it). */
  private prepareCommand(
    view: DisputeView,
    type: CommandType,
    actor: ActorDto,
    expectedVersion: number | undefined,
    fields: Record<string, unknown>,
  ): PreparedCommand {
    const commandId = uuidv7();
    const now = this.clock.now().toISOString();
    const data = {
      commandId,
      disputeId: view.id,
      expectedVersion: expectedVersion ?? view.version,
      actor,
      issuedAt: now,
      ...fields,
    };
    const checked = validatePayload(type, data);
    if (!checked.ok) throw new ValidationFailed(checked.errors);
    return { id: commandId, view, type, actor, expectedVersion: data.expectedVersion, createdAt: now, data };
  }

  /** The commands recorded and put in the outbox in the caller's transaction (one statement each, whatever their number). */
  private async recordCommands(tx: Transaction, commands: PreparedCommand[]): Promise<void> {
    if (commands.length === 0) return;
    await this.disputes.insertCommands(
      tx,
      commands.map(({ id, view, type, actor, expectedVersion, createdAt }) => ({
        id,
        disputeId: view.id,
        type,
        actor,
        expectedVersion,
        createdAt,
      })),
    );
    await this.outbox.append(
      tx,
      commands.map(({ view, type, data }) => ({
        topic: Topics.DISPUTE_COMMANDS,
        type,
        subject: view.id,
        sellerId: view.sellerId,
        data,
      })),
    );
  }

  /** The owner's answer within PARTY_ACTION_WAIT_MS: applied (200), refused (its rule), or still pending (202). */
  private async outcomeOf(view: DisputeView, commandId: string, message?: string): Promise<ActionResult> {
    const lint = message === undefined ? undefined : lintMessage(message);
    const answered = await this.outcomes.wait(commandId, this.config.PARTY_ACTION_WAIT_MS);
    if (answered?.status === CommandStatus.REJECTED) {
      throw rejectionError(answered.outcome as unknown as DisputeCommandRejectedPayload);
    }
    if (answered?.status === CommandStatus.APPLIED) {
      const dispute = (await this.disputes.findView(view.id)) ?? view;
      return { status: 'APPLIED', commandId, dispute, ...(lint ? { lint } : {}) };
    }
    return { status: 'PENDING', commandId, location: `/v1/commands/${commandId}`, ...(lint ? { lint } : {}) };
  }
}

/** A dispute in a final state takes no party action (TERMINAL_STATE, as the owner would answer). */
function refuseClosed(view: DisputeView): void {
  if (isClosed(view)) {
    throw ruleRefused('TERMINAL_STATE', `Dispute ${view.id} is ${view.status}; nothing can change it any more.`, {
      status: view.status,
      version: view.version,
    });
  }
}

function proposalExpired(proposalId: string): DomainError {
  return new Conflict('PROPOSAL_EXPIRED', `Proposal ${proposalId} has expired and can no longer be accepted.`);
}

function describe(command: SentCommand) {
  const rejection =
    command.status === CommandStatus.REJECTED
      ? (command.outcome as unknown as DisputeCommandRejectedPayload)
      : undefined;
  return {
    commandId: command.id,
    disputeId: command.disputeId,
    type: command.type,
    status: command.status,
    issuedAt: command.createdAt,
    answeredAt: command.resolvedAt,
    ...(rejection
      ? { rejection: { type: rejection.type, category: rejection.category, detail: rejection.detail } }
      : {}),
    ...(command.status === CommandStatus.APPLIED ? { events: command.outcome?.events ?? [] } : {}),
  };
}
