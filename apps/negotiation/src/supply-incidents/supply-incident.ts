import { CatalogueAction, SupplyRemedy, formatMoney, type Money, type SupplyIncidentCause } from '@settle/contracts';
import type { Language } from '../tone/phrases';
import { templateLocaleOf } from '../templates/reply-templates';

/*
 * Supply incidents (issue 19, DOMAIN.md X36): the rules, without Nest, Kafka or Postgres. negotiation owns the
 * incident aggregate: it already knows the listing's orders (order events), the disputes (its projection), sends
 * the seller's proposals as commands, lints and templates messages, and signs the seller's webhooks.
 */

export const SupplyIncidentStatus = { OPEN: 'OPEN', CLOSED: 'CLOSED' } as const;
export type SupplyIncidentStatus = (typeof SupplyIncidentStatus)[keyof typeof SupplyIncidentStatus];

export interface SupplyIncident {
  id: string;
  listingId: string;
  sellerId: string;
  /** Sorted and without repeats; empty means the whole listing. */
  skuIds: string[];
  cause: SupplyIncidentCause;
  expectedRestockAt: string | null;
  remedy: SupplyRemedy;
  waitUntil: string | null;
  status: SupplyIncidentStatus;
  declaredBy: 'seller' | 'platform';
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface Declaration {
  listingId: string;
  skuIds?: string[];
  cause: SupplyIncidentCause;
  expectedRestockAt?: string;
  remedy?: SupplyRemedy;
  waitUntil?: string;
}

/** What the listing looks like to the incident's rules: its seller and its SKUs, or nothing when never heard of. */
export interface KnownListing {
  listingId: string;
  sellerId: string;
  skuIds: string[];
}

export type Refusal = { code: string; field: string; message: string };
export type Decision<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const refuse = (code: string, field: string, message: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { code, field, message },
});

export function normalizeSkus(skuIds: readonly string[] | undefined): string[] {
  return [...new Set(skuIds ?? [])].sort();
}

/** Two incidents on one listing overlap when either covers the whole listing or they share a SKU. */
export function skuSetsOverlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((sku) => b.includes(sku));
}

/**
 * A new incident from a declaration (the caller has already checked the listing is the seller's: 404 otherwise).
 * One open incident per listing and SKU set: a declaration overlapping an open one is refused (update that one).
 */
export function declare(
  declaration: Declaration,
  context: {
    id: string;
    listing: KnownListing;
    open: readonly SupplyIncident[];
    declaredBy: 'seller' | 'platform';
    now: Date;
  },
): Decision<SupplyIncident> {
  const skuIds = normalizeSkus(declaration.skuIds);
  const unknown = skuIds.filter((sku) => !context.listing.skuIds.includes(sku));
  if (unknown.length > 0) {
    return refuse('UNKNOWN_SKU', 'skuIds', `The listing has no SKU ${unknown.join(', ')}.`);
  }
  const restock = futureInstant(declaration.expectedRestockAt, 'expectedRestockAt', context.now);
  if (!restock.ok) return restock;
  const remedy = declaration.remedy ?? SupplyRemedy.FULL_REFUND;
  if (remedy === SupplyRemedy.WAIT_UNTIL && !declaration.waitUntil) {
    return refuse('WAIT_UNTIL_REQUIRED', 'waitUntil', 'Waiting needs the date the buyers are asked to wait until.');
  }
  if (remedy === SupplyRemedy.FULL_REFUND && declaration.waitUntil) {
    return refuse('WAIT_UNTIL_NOT_ALLOWED', 'waitUntil', 'waitUntil goes with the remedy WAIT_UNTIL only.');
  }
  const wait = futureInstant(declaration.waitUntil, 'waitUntil', context.now);
  if (!wait.ok) return wait;
  const clash = context.open.find(
    (incident) =>
      incident.status === SupplyIncidentStatus.OPEN &&
      incident.listingId === declaration.listingId &&
      skuSetsOverlap(incident.skuIds, skuIds),
  );
  if (clash) {
    return refuse(
      'SUPPLY_INCIDENT_ALREADY_OPEN',
      'listingId',
      `Incident ${clash.id} is already open for this listing and SKUs: update it or close it first.`,
    );
  }
  const now = context.now.toISOString();
  return {
    ok: true,
    value: {
      id: context.id,
      listingId: declaration.listingId,
      sellerId: context.listing.sellerId,
      skuIds,
      cause: declaration.cause,
      expectedRestockAt: restock.value,
      remedy,
      waitUntil: wait.value,
      status: SupplyIncidentStatus.OPEN,
      declaredBy: context.declaredBy,
      openedAt: now,
      updatedAt: now,
      closedAt: null,
    },
  };
}

/** A new expected restock date (or none); only while the incident is open. */
export function updateRestock(
  incident: SupplyIncident,
  expectedRestockAt: string | null,
  now: Date,
): Decision<SupplyIncident> {
  if (incident.status !== SupplyIncidentStatus.OPEN) {
    return refuse('SUPPLY_INCIDENT_CLOSED', 'status', `Incident ${incident.id} is closed.`);
  }
  const restock = futureInstant(expectedRestockAt ?? undefined, 'expectedRestockAt', now);
  if (!restock.ok) return restock;
  return { ok: true, value: { ...incident, expectedRestockAt: restock.value, updatedAt: now.toISOString() } };
}

export function close(incident: SupplyIncident, now: Date): Decision<SupplyIncident> {
  if (incident.status !== SupplyIncidentStatus.OPEN) {
    return refuse('SUPPLY_INCIDENT_CLOSED', 'status', `Incident ${incident.id} is already closed.`);
  }
  const at = now.toISOString();
  return { ok: true, value: { ...incident, status: SupplyIncidentStatus.CLOSED, updatedAt: at, closedAt: at } };
}

/** What the catalogue is asked to do when the incident opens: more processing time, and no new orders meanwhile. */
export function openingActions(): CatalogueAction[] {
  return [CatalogueAction.EXTEND_PROCESSING_TIME, CatalogueAction.DELIST_UNTIL_RESTOCKED];
}

/** An order the incident concerns: of its listing, of one of its SKUs (any for a whole-listing incident), not shipped. */
export function affects(
  incident: Pick<SupplyIncident, 'listingId' | 'skuIds' | 'status'>,
  order: { listingId: string; skuId: string | null; shippedAt: string | null },
): boolean {
  if (incident.status !== SupplyIncidentStatus.OPEN) return false;
  if (order.listingId !== incident.listingId || order.shippedAt) return false;
  return incident.skuIds.length === 0 || (order.skuId !== null && incident.skuIds.includes(order.skuId));
}

function futureInstant(value: string | undefined, field: string, now: Date): Decision<string | null> {
  if (value === undefined) return { ok: true, value: null };
  const at = Date.parse(value);
  if (Number.isNaN(at)) return refuse('VALIDATION_FAILED', field, `${field} must be an RFC 3339 instant.`);
  if (at <= now.getTime()) return refuse('DATE_IN_THE_PAST', field, `${field} must be in the future.`);
  return { ok: true, value: new Date(at).toISOString() };
}

/* The buyer's notice and the message on an open dispute, per template locale (lint-clean: supply-incident.spec.ts). */

interface NoticeText {
  subject: string;
  refund: string;
  wait: string;
  withdraw: string;
}

const NOTICES: Record<Language, NoticeText> = {
  en: {
    subject: 'About your order {{orderId}}',
    refund:
      'Hello, we are very sorry: we cannot ship your order {{orderId}}, because the item is not available from our supplier. We offer you a full refund of {{refundAmount}}; you will receive it as soon as you accept the offer. Thank you for your patience, and sorry again for the trouble.',
    wait: 'Hello, we are very sorry: your order {{orderId}} is delayed, because the item is not available from our supplier. We expect to ship it by {{waitUntil}}. If you prefer not to wait, tell us and we will refund {{refundAmount}}. Thank you for your patience.',
    withdraw:
      'Hello, we are sorry that your order {{orderId}} could not be shipped. We have proposed a full refund of {{refundAmount}}. Once you have received it, could you please close this dispute? Thank you for your understanding.',
  },
  es: {
    subject: 'Sobre su pedido {{orderId}}',
    refund:
      'Hola, lo sentimos mucho: no podemos enviar su pedido {{orderId}} porque el artículo no está disponible en nuestro proveedor. Le ofrecemos el reembolso completo de {{refundAmount}}; lo recibirá en cuanto acepte la oferta. Gracias por su paciencia y disculpe las molestias.',
    wait: 'Hola, lo sentimos mucho: su pedido {{orderId}} se retrasa porque el artículo no está disponible en nuestro proveedor. Esperamos enviarlo antes del {{waitUntil}}. Si prefiere no esperar, díganoslo y le reembolsaremos {{refundAmount}}. Gracias por su paciencia.',
    withdraw:
      'Hola, sentimos que su pedido {{orderId}} no se haya podido enviar. Le hemos propuesto el reembolso completo de {{refundAmount}}. Cuando lo haya recibido, ¿podría cerrar esta disputa, por favor? Gracias por su comprensión.',
  },
  fr: {
    subject: 'À propos de votre commande {{orderId}}',
    refund:
      'Bonjour, nous sommes vraiment désolés : nous ne pouvons pas expédier votre commande {{orderId}}, car l’article n’est plus disponible chez notre fournisseur. Nous vous proposons le remboursement complet de {{refundAmount}} ; vous le recevrez dès que vous aurez accepté l’offre. Merci de votre patience, et encore désolés pour ce désagrément.',
    wait: 'Bonjour, nous sommes vraiment désolés : votre commande {{orderId}} est retardée, car l’article n’est plus disponible chez notre fournisseur. Nous prévoyons de l’expédier avant le {{waitUntil}}. Si vous préférez ne pas attendre, dites-le-nous et nous vous rembourserons {{refundAmount}}. Merci de votre patience.',
    withdraw:
      'Bonjour, nous regrettons que votre commande {{orderId}} n’ait pas pu être expédiée. Nous vous avons proposé le remboursement complet de {{refundAmount}}. Une fois le remboursement reçu, pourriez-vous fermer ce litige, s’il vous plaît ? Merci de votre compréhension.',
  },
  pt: {
    subject: 'Sobre o seu pedido {{orderId}}',
    refund:
      'Olá, lamentamos muito: não podemos enviar o seu pedido {{orderId}}, porque o artigo não está disponível no nosso fornecedor. Oferecemos o reembolso total de {{refundAmount}}; irá recebê-lo assim que aceitar a oferta. Obrigado pela sua paciência e, mais uma vez, desculpe o incómodo.',
    wait: 'Olá, lamentamos muito: o seu pedido {{orderId}} está atrasado, porque o artigo não está disponível no nosso fornecedor. Esperamos enviá-lo até {{waitUntil}}. Se preferir não esperar, diga-nos e reembolsaremos {{refundAmount}}. Obrigado pela sua paciência.',
    withdraw:
      'Olá, lamentamos que o seu pedido {{orderId}} não tenha podido ser enviado. Propusemos o reembolso total de {{refundAmount}}. Depois de o receber, poderia fechar esta disputa, por favor? Obrigado pela sua compreensão.',
  },
  ru: {
    subject: 'О вашем заказе {{orderId}}',
    refund:
      'Здравствуйте! Нам очень жаль: мы не можем отправить ваш заказ {{orderId}}, потому что товара нет у нашего поставщика. Мы предлагаем полный возврат {{refundAmount}}; вы получите его, как только примете предложение. Спасибо за терпение, и ещё раз извините за неудобства.',
    wait: 'Здравствуйте! Нам очень жаль: ваш заказ {{orderId}} задерживается, потому что товара нет у нашего поставщика. Мы рассчитываем отправить его до {{waitUntil}}. Если вы не хотите ждать, сообщите нам, и мы вернём {{refundAmount}}. Спасибо за терпение.',
    withdraw:
      'Здравствуйте! Нам жаль, что ваш заказ {{orderId}} не удалось отправить. Мы предложили полный возврат {{refundAmount}}. Когда вы его получите, не могли бы вы закрыть этот спор? Спасибо за понимание.',
  },
};

export interface FilledNotice {
  locale: Language;
  subject: string;
  body: string;
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The apology to the buyer of an affected order, in the buyer's locale (English when Settle has no template for it). */
export function buyerNotice(
  incident: Pick<SupplyIncident, 'remedy' | 'waitUntil'>,
  order: { orderId: string; amount: Money; buyerLocale: string | null },
): FilledNotice {
  const locale = templateLocaleOf(order.buyerLocale ?? undefined);
  const text = NOTICES[locale];
  const values = {
    orderId: order.orderId,
    refundAmount: formatMoney(order.amount),
    waitUntil: (incident.waitUntil ?? '').slice(0, 10),
  };
  const body = incident.remedy === SupplyRemedy.WAIT_UNTIL ? text.wait : text.refund;
  return { locale, subject: fill(text.subject, values), body: fill(body, values) };
}

/** The polite message on an open dispute asking the buyer to withdraw it once refunded. */
export function withdrawalRequest(order: { orderId: string; amount: Money; buyerLocale: string | null }): FilledNotice {
  const locale = templateLocaleOf(order.buyerLocale ?? undefined);
  const text = NOTICES[locale];
  const values = { orderId: order.orderId, refundAmount: formatMoney(order.amount) };
  return { locale, subject: fill(text.subject, values), body: fill(text.withdraw, values) };
}

export const NOTICE_LOCALES = Object.keys(NOTICES) as Language[];

/* The open disputes on affected orders: the seller's proposal, and what became of the dispute. */

/** Where the seller's proposal on a dispute stands: queued, sent to the owner, applied, or refused by the lifecycle. */
export const DisputeProposalState = {
  PENDING: 'PENDING',
  SENT: 'SENT',
  PROPOSED: 'PROPOSED',
  REFUSED: 'REFUSED',
} as const;
export type DisputeProposalState = (typeof DisputeProposalState)[keyof typeof DisputeProposalState];

/** What became of the dispute itself: still open, agreed, withdrawn by the buyer, or closed otherwise (ruled). */
export const DisputeOutcome = { OPEN: 'OPEN', AGREED: 'AGREED', WITHDRAWN: 'WITHDRAWN', CLOSED: 'CLOSED' } as const;
export type DisputeOutcome = (typeof DisputeOutcome)[keyof typeof DisputeOutcome];

/**
 * A proposal refused as STALE_VERSION only means this service's projection trailed the owner: it is queued again
 * with the newer version, at most this many times, then reported REFUSED like any other refusal.
 */
export const MAX_STALE_ATTEMPTS = 5;

/**
 * The seller's proposal on an open dispute of an affected order: the whole of what was paid, refund only. The incident
 * remedy WAIT_UNTIL is an offer to buyers who have not disputed; a buyer with an open dispute has already asked for the
 * money back while the dispute's deadlines run, so the dispute gets the refund whichever remedy the seller chose.
 */
export function sellerProposal(paid: Money): { type: 'REFUND_ONLY'; refund: Money } {
  return { type: 'REFUND_ONLY', refund: { amountMinor: paid.amountMinor, currency: paid.currency } };
}

/** A fact about a dispute of the incident, as its events tell it. */
export type DisputeFact =
  | { kind: 'AGREED'; proposal: { type: string; refund?: Money } }
  | { kind: 'WITHDRAWN' }
  | { kind: 'CLOSED'; inFavourOf: string; refund?: Money };

/**
 * The dispute's outcome after a fact, and whether the order counts as settled: agreed on a refund, withdrawn by the
 * buyer (who asks for nothing more), or closed in the buyer's favour. An outcome already reached stays (AGREED then
 * RESOLVED is still AGREED).
 */
export function disputeOutcome(
  current: DisputeOutcome,
  fact: DisputeFact,
): { outcome: DisputeOutcome; settlesOrder: boolean } {
  switch (fact.kind) {
    case 'AGREED':
      return {
        outcome: DisputeOutcome.AGREED,
        settlesOrder: (fact.proposal.refund?.amountMinor ?? 0) > 0,
      };
    case 'WITHDRAWN':
      return { outcome: DisputeOutcome.WITHDRAWN, settlesOrder: true };
    case 'CLOSED':
      return {
        outcome: current === DisputeOutcome.OPEN ? DisputeOutcome.CLOSED : current,
        settlesOrder: fact.inFavourOf === 'BUYER' || (fact.refund?.amountMinor ?? 0) > 0,
      };
    default: {
      const unreachable: never = fact;
      throw new Error(`unknown dispute fact ${String(unreachable)}`);
    }
  }
}

/** Every affected order settled (and at least one affected): the seller is told once. */
export function isSettled(orders: readonly { droppedAt: string | null; settledAt: string | null }[]): boolean {
  const affected = orders.filter((order) => !order.droppedAt);
  return affected.length > 0 && affected.every((order) => order.settledAt);
}

/** The seller's webhook when every affected order of an incident is settled (delivered by the webhook worker only). */
export const SUPPLY_INCIDENT_SETTLED_EVENT = 'supply_incident.settled';

/** What an incident has done so far, as GET /v1/supply-incidents/{id} counts it. */
export interface IncidentProgress {
  affectedOrders: number;
  droppedOrders: number;
  noticesSent: number;
  refundsOffered: number;
  refundsAccepted: number;
  ordersSettled: number;
  disputes: number;
  disputesQueued: number;
  disputesProposed: number;
  disputesRefused: number;
  disputesAgreed: number;
  disputesWithdrawn: number;
  disputesClosed: number;
  disputesOpen: number;
  settled: boolean;
}
