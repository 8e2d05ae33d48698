/**
 * decide: what a command does to a dispute. The rules of each family of commands live in ./decisions/.
 */

import { type Actor, type DisputeCommand, COMMAND_ACTORS } from './commands';
import { type Decision, DecisionBuilder, refused, wrongState } from './decision';
import { settleAgreement } from './decisions/agreement';
import { adjustDeadline, deadlinePassed } from './decisions/deadlines';
import { escalateByBuyer, rule } from './decisions/escalation';
import { acceptProposal, sellerRespond, submitProposal } from './decisions/proposals';
import { confirmReturnReceipt, shipReturn } from './decisions/returns';
import { type Dispute, isTerminal } from './domain';
import { assertInstant } from './duration';
import type { CommandRejected } from './events';
import type { Policy } from './policy';
import type { Rejection } from './rejections';

/**
 * Decides what a command does to a dispute at `now` under `policy`. Checks, in this order: the actor is a party
 * (NOT_A_PARTY) and may send this command (WRONG_ACTOR); the dispute is not terminal (TERMINAL_STATE); the sender
 * saw the current version (STALE_VERSION); the command fits the state (INVALID_STATE_TRANSITION); then its own rules.
 */
export function decide(dispute: Dispute, command: DisputeCommand, now: Date, policy: Policy): Decision {
  assertInstant(now, 'now');
  const roles = COMMAND_ACTORS[command?.type];
  if (!roles) return refused('UNKNOWN_COMMAND', `"${String(command?.type)}" is not a dispute command.`);
  const actorCheck = checkActor(dispute, command.actor, roles);
  if (actorCheck) return actorCheck;
  if (isTerminal(dispute.status)) {
    return refused('TERMINAL_STATE', `The dispute is ${dispute.status}; nothing can change it any more.`);
  }
  if (command.expectedVersion !== dispute.version) {
    return refused(
      'STALE_VERSION',
      `The command was based on version ${String(command.expectedVersion)}; the dispute is at version ${dispute.version}.`,
    );
  }
  const decision = new DecisionBuilder(dispute, now, policy);
  const outcome = decideCommand(decision, command);
  return outcome ?? { ok: true, events: decision.events };
}

function checkActor(dispute: Dispute, actor: Actor | undefined, roles: readonly string[]): Decision | null {
  if (!actor || typeof actor !== 'object') return refused('WRONG_ACTOR', 'The command names no actor.');
  if (actor.role === 'BUYER' && actor.id !== dispute.buyerId)
    return refused('NOT_A_PARTY', 'This buyer is not the dispute’s buyer.');
  if (actor.role === 'SELLER' && actor.id !== dispute.sellerId) {
    return refused('NOT_A_PARTY', 'This seller is not the dispute’s seller.');
  }
  if (!roles.includes(actor.role)) {
    return refused('WRONG_ACTOR', `This command is sent by ${roles.join(' or ')}, not ${String(actor.role)}.`);
  }
  return null;
}

function decideCommand(decision: DecisionBuilder, command: DisputeCommand): Decision | null {
  switch (command.type) {
    case 'SELLER_RESPOND':
      return sellerRespond(decision, command);
    case 'SUBMIT_PROPOSAL':
      return submitProposal(decision, command);
    case 'ACCEPT_PROPOSAL':
      return acceptProposal(decision, command);
    case 'ESCALATE':
      return escalateByBuyer(decision, command);
    case 'DEADLINE_PASSED':
      return deadlinePassed(decision, command);
    case 'RULE':
      return rule(decision, command);
    case 'SHIP_RETURN':
      return shipReturn(decision, command);
    case 'CONFIRM_RETURN_RECEIPT':
      return confirmReturnReceipt(decision, command);
    case 'CANCEL':
      decision.emit('dispute.cancelled', {
        cancellation: {
          by: 'BUYER',
          at: decision.at,
          ...(command.reason !== undefined ? { reason: command.reason } : {}),
        },
        deadlines: [],
      });
      return null;
    case 'ADJUST_DEADLINE':
      return adjustDeadline(decision, command);
    case 'SETTLE_AGREEMENT':
      if (decision.state.status !== 'AGREED') return wrongState(decision.state, 'An agreement is settled', ['AGREED']);
      settleAgreement(decision);
      return null;
  }
}
/** The `dispute.command_rejected` notification for a refused command (not part of the history; version unchanged). */
export function commandRejected(
  dispute: Dispute,
  command: DisputeCommand,
  rejection: Rejection,
  now: Date,
): CommandRejected {
  assertInstant(now, 'now');
  return {
    type: 'dispute.command_rejected',
    disputeId: dispute.id,
    version: dispute.version,
    at: now.toISOString(),
    data: {
      commandType: String(command.type),
      ...(command.commandId !== undefined ? { commandId: command.commandId } : {}),
      expectedVersion: command.expectedVersion,
      rejection,
    },
  };
}
