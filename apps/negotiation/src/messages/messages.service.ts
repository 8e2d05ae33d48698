import { Injectable } from '@nestjs/common';
import { EventType, required, Topics, uuidv7, type ActorDto, type MessageLintDto } from '@settle/contracts';
import { Outbox, TransactionRunner, type Transaction } from '@settle/messaging';
import { Clock, type Page, type PageQuery, type Principal, decodeCursor, encodeCursor } from '@settle/platform';
import { PartyActionsService } from '../disputes/party-actions.service';
import type { DisputeView } from '../disputes/projection';
import { lintMessage, type ToneReport } from '../tone/tone-lint';
import { WebhookQueue } from '../webhooks/webhook-queue.service';
import type { PostMessageBody } from './dto/messages.dto';
import { MessagesRepository, type DisputeMessage } from './messages.repository';

/**
 * Messages on a dispute: linted (a finding warns, never blocks), appended, announced as `message.posted`, and put
 * in the seller's webhook queue when someone other than the seller wrote it, all in one transaction.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly actions: PartyActionsService,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly webhooks: WebhookQueue,
    private readonly clock: Clock,
  ) {}

  async post(
    principal: Principal,
    disputeId: string,
    body: PostMessageBody,
  ): Promise<{ message: DisputeMessage; lint: ToneReport }> {
    const view = await this.actions.viewFor(principal, disputeId);
    const posted = await this.transactions.run((tx) => this.postIn(tx, view, authorOf(principal, view), body));
    if (posted.queued > 0) this.webhooks.wake();
    return { message: posted.message, lint: posted.lint };
  }

  /**
   * A message in the caller's transaction: linted, appended, announced, queued for the seller's webhooks when someone
   * else wrote it. The one way a message is posted (the REST action, and a supply incident's withdrawal request).
   * The caller wakes the webhook worker once committed when `queued` is above 0.
   */
  async postIn(
    tx: Transaction,
    view: DisputeView,
    author: ActorDto,
    body: PostMessageBody,
  ): Promise<{ message: DisputeMessage; lint: ToneReport; queued: number }> {
    const lint = lintMessage(body.body);
    const now = this.clock.now().toISOString();
    const message: DisputeMessage = {
      messageId: uuidv7(),
      disputeId: view.id,
      author,
      body: body.body,
      ...(body.locale ? { locale: body.locale } : {}),
      attachments: (body.attachments ?? []).map((item) => ({ ...item, evidenceId: uuidv7(), addedAt: now })),
      lint: eventLint(lint),
      postedAt: now,
    };
    await this.messages.append(tx, message);
    const [envelope] = await this.outbox.append(tx, [
      {
        topic: Topics.MESSAGE_EVENTS,
        type: EventType.MESSAGE_POSTED,
        subject: view.id,
        sellerId: view.sellerId,
        data: {
          ...message,
          ...(message.attachments.length === 0 ? { attachments: undefined } : {}),
        },
      },
    ]);
    const queued =
      author.role === 'SELLER'
        ? 0
        : await this.webhooks.enqueue(tx, view.sellerId, required(envelope, 'the message.posted envelope'));
    return { message, lint, queued };
  }

  async list(principal: Principal, disputeId: string, query: PageQuery): Promise<Page<DisputeMessage>> {
    const view = await this.actions.viewFor(principal, disputeId);
    const after = query.cursor ? decodeCursor<{ id: string }>(query.cursor, ['id']).id : undefined;
    const rows = await this.messages.list(view.id, after, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.messageId }) : null };
  }
}

function authorOf(principal: Principal, view: DisputeView): ActorDto {
  switch (principal.role) {
    case 'platform':
      return { role: 'BUYER', id: view.buyerId };
    case 'seller':
      return { role: 'SELLER', id: view.sellerId };
    case 'staff':
    case 'lead':
      return { role: 'STAFF', id: principal.staffId ?? principal.keyId };
    default: {
      const unreachable: never = principal.role;
      throw new Error(`unknown role ${String(unreachable)}`);
    }
  }
}

/** The lint as the contract's event carries it (rule, span, suggestion). */
function eventLint(report: ToneReport): MessageLintDto {
  return {
    ok: report.ok,
    findings: report.findings
      .slice(0, 100)
      .map((finding) => ({ rule: finding.rule, span: finding.span, suggestion: finding.suggestion })),
  };
}
