import type { OrderSnapshotDto } from '@settle/contracts';
import type { OrderEntity } from './order.entity';

/** The order as the projection knows it, as a dispute's snapshot; undefined until it has been paid. */
export function snapshotOf(order: OrderEntity): OrderSnapshotDto | undefined {
  if (
    order.amountMinor === null ||
    order.currency === null ||
    order.paidAt === null ||
    order.buyerCountry === null ||
    order.sellerCountry === null ||
    order.promisedDeliveryDays === null
  ) {
    return undefined;
  }
  const snapshot: OrderSnapshotDto = {
    amount: { amountMinor: order.amountMinor, currency: order.currency },
    paidAt: order.paidAt.toISOString(),
    promisedDeliveryDays: order.promisedDeliveryDays,
    buyerCountry: order.buyerCountry,
    sellerCountry: order.sellerCountry,
  };
  if (order.shippedAt) snapshot.shippedAt = order.shippedAt.toISOString();
  if (order.carrier) snapshot.carrier = order.carrier;
  if (order.trackingNumber) snapshot.trackingNumber = order.trackingNumber;
  if (order.deliveredAt) snapshot.deliveredAt = order.deliveredAt.toISOString();
  if (order.trackingStatus) snapshot.trackingStatus = order.trackingStatus as OrderSnapshotDto['trackingStatus'];
  if (order.skuId) snapshot.skuId = order.skuId;
  if (order.quantity !== null) snapshot.quantity = order.quantity;
  return snapshot;
}
