import { Inject, Injectable } from '@nestjs/common';
import {
  CommandType,
  DEADLINE_KINDS,
  type DeadlineKind,
  EscalationCause,
  type DeadlineAdjustment,
} from '@settle/contracts';
import {
  calendarMs,
  checkBuyerMayEscalate,
  parseIsoDuration,
  type Policy,
  type TrackingStatus,
} from '@settle/dispute-lifecycle';
import { Outbox, TransactionRunner, type OutgoingEvent } from '@settle/messaging';
import {
  Clock,
  Conflict,
  NotFound,
  POLICY,
  type Principal,
  RuleViolation,
  ruleRefused,
  ValidationFailed,
} from '@settle/platform';
import type { DisputeProjectionEntity } from '../disputes/dispute-projection.entity';
import { DisputesRepository } from '../disputes/disputes.repository';
import { command, newId } from '../shared/outgoing';
import type { DeadlineEntity } from './deadline.entity';
import { DeadlineRuleError, type AdjustmentRecord } from './deadline-rules';
import { DeadlineAdjuster } from './deadline-adjuster';
import { DeadlinesRepository } from './deadlines.repository';
import type { ExtendDeadlineRequest, PauseDeadlineRequest, ResumeDeadlineRequest } from './dto/deadline-requests';
import { EscalationsRepository } from '../escalations/escalations.repository';

export interface DeadlineView {
  deadlineId: string;
  kind: string;
  party: string;
  status: string;
  dueAt: string | null;
  remainingMs: number | null;
  remindAt: string | null;
  remindedAt: string | null;
  scheduledAt: string;
  firedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  replacesDeadlineId: string | null;
  adjustments: AdjustmentRecord[];
}

const OPEN_FOR_ESCALATION = ['OPENED', 'AWAITING_SELLER', 'NEGOTIATING'];

/** Reading and adjusting a dispute's deadlines, and the buyer's escalation (docs/CONTRACT.md, escalation-timer). */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly disputes: DisputesRepository,
    private readonly escalations: EscalationsRepository,
    private readonly adjuster: DeadlineAdjuster,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async list(disputeId: string, principal: Principal): Promise<{ disputeId: string; items: DeadlineView[] }> {
    await this.visibleDispute(disputeId, principal);
    return { disputeId, items: (await this.deadlines.forDispute(disputeId)).map(toView) };
  }

  async adjust(
    disputeId: string,
    kindParam: string,
    action: DeadlineAdjustment,
    request: ExtendDeadlineRequest | PauseDeadlineRequest | ResumeDeadlineRequest,
    principal: Principal,
  ): Promise<DeadlineView> {
    const kind = parseKind(kindParam);
    const change = action === 'EXTEND' ? parseExtension(request) : {};
    await this.visibleDispute(disputeId, principal);
    const staffId = principal.staffId ?? principal.keyId;
    return this.transactions.run(async (tx) => {
      const dispute = await this.disputes.lock(tx, disputeId);
      if (!dispute) throw new NotFound('Dispute', disputeId);
      const deadline = (await this.deadlines.live(tx, disputeId)).find((row) => row.kind === kind);
      if (!deadline) {
        throw new Conflict(
          'DEADLINE_NOT_ACTIVE',
          `No ${kind} deadline runs on this dispute (it is ${dispute.status}).`,
        );
      }
      const now = this.clock.now();
      let events: OutgoingEvent[];
      try {
        events = await this.adjuster.adjust(
          tx,
          dispute,
          deadline,
          {
            action,
            reasonCode: request.reasonCode,
            ...(request.note ? { note: request.note } : {}),
            ...(action === 'EXTEND' ? { change } : {}),
            actor: { role: 'STAFF', id: staffId },
          },
          dispute.version,
          now,
        );
      } catch (error) {
        throw toDomainError(error);
      }
      await this.outbox.append(tx, events);
      return toView((await this.deadlines.byId(tx, deadline.id))!);
    });
  }

  /**
   * The buyer escalates (through the platform): refused before the window opens and after it closes, and for a
   * NOT_RECEIVED dispute while the parcel is in transit within its promised delivery time.
   */
  async escalate(
    disputeId: string,
    note: string | undefined,
  ): Promise<{ disputeId: string; commandId: string; status: 'ESCALATION_REQUESTED' }> {
    await this.visibleDispute(disputeId);
    return this.transactions.run(async (tx) => {
      const dispute = await this.disputes.lock(tx, disputeId);
      if (!dispute) throw new NotFound('Dispute', disputeId);
      if (!OPEN_FOR_ESCALATION.includes(dispute.status)) {
        throw ruleRefused('INVALID_STATE_TRANSITION', `A ${dispute.status} dispute cannot be escalated by the buyer.`, {
          status: dispute.status,
        });
      }
      const now = this.clock.now();
      const tracking = await this.disputes.tracking(dispute.orderId);
      const check = checkBuyerMayEscalate(
        {
          openedAt: dispute.opened.openedAt,
          reason: dispute.reason as 'NOT_RECEIVED',
          order: { ...dispute.opened.order },
        },
        now,
        this.policy,
        tracking
          ? {
              trackingStatus: (tracking.status ?? undefined) as TrackingStatus | undefined,
              ...(tracking.deliveredAt ? { deliveredAt: tracking.deliveredAt.toISOString() } : {}),
            }
          : {
              trackingStatus: dispute.opened.order.trackingStatus,
              ...(dispute.opened.order.deliveredAt ? { deliveredAt: dispute.opened.order.deliveredAt } : {}),
            },
      );
      if (!check.ok) throw new RuleViolation(check.rejection.type, check.rejection.detail);
      const commandId = newId();
      await this.outbox.append(tx, [
        command(CommandType.ESCALATE, disputeId, dispute.sellerId, {
          commandId,
          disputeId,
          expectedVersion: dispute.version,
          actor: { role: 'BUYER', id: dispute.buyerId },
          issuedAt: now.toISOString(),
          cause: EscalationCause.BUYER_REQUEST,
          ...(note ? { note } : {}),
        }),
      ]);
      return { disputeId, commandId, status: 'ESCALATION_REQUESTED' as const };
    });
  }

  /** The dispute as `principal` may see it, waited for briefly when just opened (else 404). */
  private async visibleDispute(disputeId: string, principal?: Principal): Promise<DisputeProjectionEntity> {
    const dispute = await this.disputes.findVisible(disputeId, principal);
    if (!dispute) throw new NotFound('Dispute', disputeId);
    return dispute;
  }
}

function parseKind(kind: string): DeadlineKind {
  if (!(DEADLINE_KINDS as readonly string[]).includes(kind)) {
    throw new ValidationFailed([{ field: 'kind', message: `must be one of ${DEADLINE_KINDS.join(', ')}` }]);
  }
  return kind as DeadlineKind;
}

function parseExtension(request: ExtendDeadlineRequest): { byMs?: number; until?: Date } {
  if ((request.by === undefined) === (request.until === undefined)) {
    throw new ValidationFailed([
      { field: 'by', message: 'give exactly one of by (a duration) and until (an instant)' },
    ]);
  }
  if (request.until !== undefined) return { until: new Date(request.until) };
  try {
    const duration = parseIsoDuration(request.by!);
    const byMs = calendarMs(duration);
    if (byMs <= 0) throw new Error('must be longer than zero');
    return { byMs };
  } catch (error) {
    throw new ValidationFailed([
      { field: 'by', message: `must be an ISO-8601 duration such as P2D or PT12H (${(error as Error).message})` },
    ]);
  }
}

function toDomainError(error: unknown): unknown {
  if (!(error instanceof DeadlineRuleError)) return error;
  return error.code === 'EXTENSION_NOT_LATER'
    ? new RuleViolation(error.code, error.message)
    : new Conflict(error.code, error.message);
}

export function toView(row: DeadlineEntity): DeadlineView {
  return {
    deadlineId: row.id,
    kind: row.kind,
    party: row.party,
    status: row.status,
    dueAt: row.dueAt?.toISOString() ?? null,
    remainingMs: row.remainingMs === null ? null : Number(row.remainingMs),
    remindAt: row.remindAt?.toISOString() ?? null,
    remindedAt: row.remindedAt?.toISOString() ?? null,
    scheduledAt: row.scheduledAt.toISOString(),
    firedAt: row.firedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    replacesDeadlineId: row.replacesDeadlineId,
    adjustments: row.adjustments,
  };
}
