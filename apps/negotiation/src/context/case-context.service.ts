import { Injectable } from '@nestjs/common';
import type { Principal } from '@settle/platform';
import { DisputesRepository } from '../disputes/disputes.repository';
import { PartyActionsService } from '../disputes/party-actions.service';
import { OrdersRepository } from './orders.repository';
import { rfmOf, totalPaid } from './rfm';
import { Clock } from '@settle/platform';

/** The seller's case context: the buyer's history with THIS seller only (orders, disputes, total paid, RFM). */
@Injectable()
export class CaseContextService {
  constructor(
    private readonly actions: PartyActionsService,
    private readonly disputes: DisputesRepository,
    private readonly orders: OrdersRepository,
    private readonly clock: Clock,
  ) {}

  async contextOf(principal: Principal, disputeId: string) {
    const view = await this.actions.viewFor(principal, disputeId);
    const [orders, disputes, average] = await Promise.all([
      this.orders.ordersOfBuyerWithSeller(view.sellerId, view.buyerId),
      this.disputes.viewsOfBuyerWithSeller(view.sellerId, view.buyerId),
      this.orders.sellerAverageOrder(view.sellerId),
    ]);
    const disputeFacts = disputes.map((dispute) => ({
      disputeId: dispute.id,
      orderId: dispute.orderId,
      reason: dispute.reason,
      subReason: dispute.subReason,
      status: dispute.status,
      openedAt: dispute.openedAt,
      outcome: dispute.resolution?.outcome ?? null,
      inFavourOf: dispute.resolution?.inFavourOf,
      refund: dispute.resolution?.refund ?? null,
    }));
    return {
      disputeId: view.id,
      sellerId: view.sellerId,
      buyerId: view.buyerId,
      orders: orders.map(({ buyerId: _buyer, sellerId: _seller, ...order }) => order),
      disputes: disputeFacts,
      totalPaid: totalPaid(orders),
      rfm: rfmOf(orders, disputeFacts, this.clock.now(), average),
    };
  }
}
