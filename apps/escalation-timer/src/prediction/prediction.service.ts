import { Injectable } from '@nestjs/common';
import { Clock, NotFound, type Principal } from '@settle/platform';
import type { DisputeProjectionEntity } from '../disputes/dispute-projection.entity';
import { DisputesRepository } from '../disputes/disputes.repository';
import { SupplyIncidentsRepository } from '../incidents/supply-incidents.repository';
import { predictRuling, type PredictedRuling } from './predicted-ruling';

/** The predicted ruling of a dispute, for staff (in the case) and for the owning seller (handling step 5). */
@Injectable()
export class PredictionService {
  constructor(
    private readonly disputes: DisputesRepository,
    private readonly incidents: SupplyIncidentsRepository,
    private readonly clock: Clock,
  ) {}

  async forDispute(disputeId: string, principal: Principal): Promise<PredictedRuling & { disputeId: string }> {
    const dispute = await this.disputes.findVisible(disputeId, principal);
    if (!dispute) throw new NotFound('Dispute', disputeId);
    return { disputeId, ...(await this.predict(dispute)) };
  }

  async predict(dispute: DisputeProjectionEntity): Promise<PredictedRuling> {
    const [tracking, checklists, incidents] = await Promise.all([
      this.disputes.tracking(dispute.orderId),
      this.disputes.evidenceChecklists([dispute.disputeId]),
      this.incidents.forOrder(dispute.orderId),
    ]);
    const opened = dispute.opened;
    return predictRuling({
      reason: dispute.reason,
      subReason: dispute.subReason,
      requested: opened.requested,
      description: opened.description,
      evidence: opened.evidence,
      order: opened.order,
      tracking: tracking
        ? { status: tracking.status, deliveredAt: tracking.deliveredAt?.toISOString() ?? null, proof: tracking.proof }
        : null,
      audit: opened.listingAtPurchase?.audit ?? null,
      openedAt: opened.openedAt,
      sellerRespondedAt: dispute.sellerFirstRespondedAt?.toISOString() ?? null,
      sellerRespondedWithin: dispute.sellerRespondedWithin,
      evidenceChecklist: checklists.get(dispute.disputeId),
      supplyIncidents: incidents.map((incident) => ({
        incidentId: incident.incidentId,
        cause: incident.cause,
        remedy: incident.remedy,
        waitUntil: incident.waitUntil?.toISOString() ?? null,
        openedAt: incident.openedAt.toISOString(),
        closedAt: incident.closedAt?.toISOString() ?? null,
      })),
      now: this.clock.now(),
    });
  }
}
