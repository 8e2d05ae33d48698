import type { EvidenceKind } from './enums';

/*
 * What each party is expected to provide for a dispute's reason and sub-reason (docs/DOMAIN.md: NOT_AS_DESCRIBED is
 * decided by the buyer's photos, NOT_RECEIVED by the seller's tracking; sellers are told to keep all evidence), what
 * was provided, and what is missing. Plain data and pure functions, the one definition every service uses:
 * dispute-intake's dispute view, escalation-timer's seller reminders (`deadline.reminder`) and predicted ruling.
 */

export type ChecklistParty = 'BUYER' | 'SELLER';

export interface Requirement {
  /** Stable id, e.g. `SELLER_PROOF_OF_POSTING`. */
  id: string;
  party: ChecklistParty;
  /** Evidence of any of these kinds, added by the party, satisfies it. */
  kinds: readonly EvidenceKind[];
  description: string;
}

export interface ChecklistItem extends Requirement {
  provided: boolean;
  /** The party's evidence that satisfies it. */
  evidenceIds: string[];
}

export interface EvidenceChecklist {
  items: ChecklistItem[];
  /** The ids of the requirements nobody has met yet. */
  missing: string[];
}

/** A piece of evidence as the checklist counts it: its id, its kind, and the role of who added it. */
export interface ChecklistEvidence {
  evidenceId: string;
  kind: EvidenceKind;
  role: string;
}

const SELLER_TRACKING: Requirement = {
  id: 'SELLER_PROOF_OF_POSTING',
  party: 'SELLER',
  kinds: ['TRACKING', 'DOCUMENT'],
  description: 'Tracking with a delivery scan, or proof of posting (the carrier’s receipt)',
};
const BUYER_ITEM_PHOTOS: Requirement = {
  id: 'BUYER_ITEM_PHOTOS',
  party: 'BUYER',
  kinds: ['PHOTO', 'VIDEO'],
  description: 'Photos or a video of the item as received',
};
const SELLER_ITEM_AS_SENT: Requirement = {
  id: 'SELLER_ITEM_AS_SENT',
  party: 'SELLER',
  kinds: ['PHOTO', 'VIDEO', 'DOCUMENT'],
  description: 'Photos of the item as packed and sent, or its specification sheet',
};

const BY_SUB_REASON: Readonly<Record<string, readonly Requirement[]>> = {
  // NOT_RECEIVED: the seller shows where the parcel went.
  NO_TRACKING_UPDATE: [SELLER_TRACKING],
  INVALID_TRACKING: [SELLER_TRACKING],
  IN_TRANSIT_OVERDUE: [SELLER_TRACKING],
  WRONG_ADDRESS: [
    SELLER_TRACKING,
    {
      id: 'BUYER_ADDRESS_GIVEN',
      party: 'BUYER',
      kinds: ['DOCUMENT', 'PHOTO'],
      description: 'The delivery address given at checkout (the order confirmation)',
    },
  ],
  CUSTOMS_HELD: [
    SELLER_TRACKING,
    {
      id: 'SELLER_CUSTOMS_DECLARATION',
      party: 'SELLER',
      kinds: ['DOCUMENT'],
      description: 'The customs declaration sent with the parcel',
    },
  ],
  RETURNED_TO_SENDER: [
    {
      id: 'SELLER_RETURN_SCAN',
      party: 'SELLER',
      kinds: ['TRACKING', 'DOCUMENT'],
      description: 'Tracking showing the parcel returned, with the carrier’s reason',
    },
  ],
  // NOT_AS_DESCRIBED: the buyer shows what arrived, the seller what was sent.
  DIFFERENT_FROM_LISTING: [BUYER_ITEM_PHOTOS, SELLER_ITEM_AS_SENT],
  QUALITY: [BUYER_ITEM_PHOTOS, SELLER_ITEM_AS_SENT],
  DAMAGED: [
    {
      id: 'BUYER_DAMAGE_AND_PACKAGING',
      party: 'BUYER',
      kinds: ['PHOTO', 'VIDEO'],
      description: 'Photos of the damage and of the packaging it came in',
    },
    SELLER_ITEM_AS_SENT,
  ],
  QUANTITY_SHORT: [
    {
      id: 'BUYER_ITEM_AND_LABEL',
      party: 'BUYER',
      kinds: ['PHOTO', 'VIDEO'],
      description: 'Photos of everything received and of the parcel’s label',
    },
    {
      id: 'SELLER_PACKING_RECORD',
      party: 'SELLER',
      kinds: ['PHOTO', 'VIDEO', 'DOCUMENT'],
      description: 'A packing photo or the packing list, with the count sent',
    },
  ],
  COUNTERFEIT: [
    {
      id: 'BUYER_BRAND_MARKS',
      party: 'BUYER',
      kinds: ['PHOTO', 'VIDEO'],
      description: 'Photos of the brand marks, labels and serial numbers',
    },
    {
      id: 'SELLER_AUTHENTICITY',
      party: 'SELLER',
      kinds: ['DOCUMENT'],
      description: 'The supplier’s invoice or an authorisation to sell the brand',
    },
  ],
  WRONG_ITEM: [
    {
      id: 'BUYER_ITEM_AND_LABEL',
      party: 'BUYER',
      kinds: ['PHOTO', 'VIDEO'],
      description: 'Photos of the item received and of the parcel’s label',
    },
    SELLER_ITEM_AS_SENT,
  ],
  // SELLER_REFUSED_SALE: what the seller said or did after payment.
  NOT_SHIPPED: [SELLER_TRACKING],
  ASKED_FOR_MORE_MONEY: [
    {
      id: 'BUYER_SELLER_REQUEST',
      party: 'BUYER',
      kinds: ['DOCUMENT', 'PHOTO'],
      description: 'The seller’s request for more money (a screenshot of the conversation)',
    },
  ],
  OUT_OF_STOCK: [],
  TERMS_CHANGED: [
    {
      id: 'BUYER_SELLER_REQUEST',
      party: 'BUYER',
      kinds: ['DOCUMENT', 'PHOTO'],
      description: 'The seller’s change of terms (a screenshot of the conversation)',
    },
  ],
};

/** The requirements of a sub-reason (none for the buyer's own reasons). */
export function requirementsOf(subReason: string): readonly Requirement[] {
  return BY_SUB_REASON[subReason] ?? [];
}

export function evidenceChecklist(subReason: string, evidence: readonly ChecklistEvidence[]): EvidenceChecklist {
  const items = requirementsOf(subReason).map((requirement): ChecklistItem => {
    const evidenceIds = evidence
      .filter((item) => item.role === requirement.party && requirement.kinds.includes(item.kind))
      .map((item) => item.evidenceId);
    return { ...requirement, kinds: [...requirement.kinds], provided: evidenceIds.length > 0, evidenceIds };
  });
  return { items, missing: items.filter((item) => !item.provided).map((item) => item.id) };
}

/**
 * The evidence a checklist counts: each recorded file (`evidence.added`) for the role that added it, and the
 * evidence named at opening (`dispute.opened`) for the buyer unless it is also recorded as a file (same id).
 */
export function checklistEvidence(
  atOpening: readonly { evidenceId: string; kind: EvidenceKind }[] | undefined,
  recorded: readonly ChecklistEvidence[],
): ChecklistEvidence[] {
  const ids = new Set(recorded.map((item) => item.evidenceId));
  return [
    ...recorded.map((item) => ({ evidenceId: item.evidenceId, kind: item.kind, role: item.role })),
    ...(atOpening ?? [])
      .filter((item) => !ids.has(item.evidenceId))
      .map((item) => ({ evidenceId: item.evidenceId, kind: item.kind, role: 'BUYER' })),
  ];
}

/** One party's part of a checklist (a reminder to the seller lists only what the seller is expected to provide). */
export function checklistOf(checklist: EvidenceChecklist, party: ChecklistParty): EvidenceChecklist {
  const items = checklist.items.filter((item) => item.party === party);
  return { items, missing: items.filter((item) => !item.provided).map((item) => item.id) };
}
