/**
 * The predicted platform ruling (docs/DOMAIN.md, handling step 5): rule-based and explainable. Each rule that applies
 * adds a fact, cited the way a ruling cites (evidence, tracking, audit finding, policy rule); the strongest rule
 * decides the outcome, the others raise or lower the confidence. Plain TypeScript with explicit instants.
 */
import type { CitationKind, EvidenceChecklist, ProposalType, RulingOutcome } from '@settle/contracts';
import type { Money } from '@settle/contracts/money';

export interface CaseFacts {
  reason: string;
  subReason: string;
  requested: { type: 'REFUND_ONLY' | 'RETURN_AND_REFUND'; refund: Money };
  description: string;
  evidence: readonly { evidenceId: string; kind: string }[];
  order: {
    amount: Money;
    shippedAt?: string;
    promisedDeliveryDays: number;
    trackingNumber?: string;
    deliveredAt?: string;
    trackingStatus?: string;
  };
  /** The latest carrier facts the timer saw (tracking.updated, order.delivered). */
  tracking?: {
    status?: string | null;
    deliveredAt?: string | null;
    proof?: { kind: string; reference?: string } | null;
  } | null;
  /** The listing audit in force when the order was paid. */
  audit?: {
    auditId?: string;
    findings: readonly { ruleId: string; severity: string; field: string; message: string }[];
  } | null;
  openedAt: string;
  sellerRespondedAt?: string | null;
  sellerRespondedWithin?: boolean | null;
  /**
   * The dispute's evidence checklist (libs/contracts evidence-checklist.ts): each item still missing is a fact
   * against the party expected to provide it. Absent: the checklist is not weighed.
   */
  evidenceChecklist?: EvidenceChecklist;
  /**
   * The supply incidents that reached the dispute's order (issue 19), oldest first: a prompt one is cited as the
   * seller's good faith (`promptIncident`). Absent: none is known.
   */
  supplyIncidents?: readonly SupplyIncidentFact[];
  now: Date;
}

/** A supply incident as the prediction weighs it: when the seller declared it, why, and what it offered. */
export interface SupplyIncidentFact {
  incidentId: string;
  cause: string;
  remedy: 'FULL_REFUND' | 'WAIT_UNTIL';
  waitUntil?: string | null;
  openedAt: string;
  closedAt?: string | null;
}

/** How long after the dispute was opened a declaration still counts as prompt (docs/DOMAIN.md, "Predicted ruling"). */
export const PROMPT_INCIDENT_MS = 24 * 3_600_000;

/**
 * The first incident that is prompt for a dispute opened at `disputeOpenedAt`: declared before it, or within 24 h
 * after it (the seller told the buyer rather than letting the dispute find out), and not closed (restocked) before
 * the dispute was opened. Undefined when none is.
 */
export function promptIncident(
  incidents: readonly SupplyIncidentFact[],
  disputeOpenedAt: string,
): SupplyIncidentFact | undefined {
  const opened = Date.parse(disputeOpenedAt);
  return incidents.find(
    (incident) =>
      Date.parse(incident.openedAt) <= opened + PROMPT_INCIDENT_MS &&
      (incident.closedAt == null || Date.parse(incident.closedAt) >= opened),
  );
}

export interface PredictionFact {
  /** A stable code for the fact, e.g. DELIVERED_WITH_PROOF. */
  code: string;
  statement: string;
  favours: 'BUYER' | 'SELLER';
  citation: { kind: CitationKind; ref: string; note?: string };
}

export interface PredictedRuling {
  outcome: RulingOutcome;
  /** 0..1: how sure the rules are. */
  confidence: number;
  sellerPenalised: boolean;
  facts: PredictionFact[];
  /** The facts' citations, in the form a ruling uses. */
  citations: { kind: CitationKind; ref: string; note?: string }[];
  /** What the seller could offer now to settle without a ruling. */
  suggestedResolution: { type: ProposalType; refund?: Money };
}

const DAY_MS = 86_400_000;

/** Listing fields a NOT_AS_DESCRIBED sub-reason points at, so an audit finding on them is "the very attribute". */
const COMPLAINED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  DIFFERENT_FROM_LISTING: ['attributes', 'title', 'images', 'description'],
  QUALITY: ['attributes', 'description'],
  QUANTITY_SHORT: ['saleUnit', 'skus', 'title'],
  WRONG_ITEM: ['attributes', 'images', 'title', 'skus'],
  DAMAGED: [],
  COUNTERFEIT: ['brand', 'title'],
};

export function predictRuling(facts: CaseFacts): PredictedRuling {
  const found: PredictionFact[] = [];
  let outcome: RulingOutcome;
  let confidence: number;
  let sellerPenalised = false;
  const evidenceCitations = facts.evidence.map((item) => ({
    kind: 'EVIDENCE' as const,
    ref: item.evidenceId,
    note: item.kind,
  }));

  switch (facts.reason) {
    case 'NOT_RECEIVED': {
      const deliveredAt = facts.tracking?.deliveredAt ?? facts.order.deliveredAt;
      const status = facts.tracking?.status ?? facts.order.trackingStatus;
      const trackingRef = facts.order.trackingNumber ?? 'tracking';
      if (deliveredAt && facts.tracking?.proof) {
        found.push({
          code: 'DELIVERED_WITH_PROOF',
          statement: `The carrier recorded the delivery on ${deliveredAt} with proof (${facts.tracking.proof.kind}).`,
          favours: 'SELLER',
          citation: {
            kind: 'TRACKING',
            ref: trackingRef,
            note: `delivered ${deliveredAt}, proof ${facts.tracking.proof.kind}`,
          },
        });
        [outcome, confidence] = ['SELLER_FAVOUR', 0.85];
      } else if (deliveredAt) {
        found.push({
          code: 'DELIVERED_WITHOUT_PROOF',
          statement: `The carrier recorded the delivery on ${deliveredAt}, without proof of delivery.`,
          favours: 'SELLER',
          citation: { kind: 'TRACKING', ref: trackingRef, note: `delivered ${deliveredAt}, no proof` },
        });
        [outcome, confidence] = ['SELLER_FAVOUR', 0.55];
      } else if (status === 'RETURNED_TO_SENDER' || facts.subReason === 'RETURNED_TO_SENDER') {
        found.push({
          code: 'RETURNED_TO_SENDER',
          statement: 'The parcel went back to the seller; the buyer never received it.',
          favours: 'BUYER',
          citation: { kind: 'TRACKING', ref: trackingRef, note: 'returned to sender' },
        });
        [outcome, confidence] = ['REFUND_BUYER', 0.85];
      } else {
        const promisedAt = facts.order.shippedAt
          ? Date.parse(facts.order.shippedAt) + facts.order.promisedDeliveryDays * DAY_MS
          : undefined;
        if (promisedAt !== undefined && facts.now.getTime() < promisedAt) {
          found.push({
            code: 'WITHIN_PROMISED_DELIVERY',
            statement: `The promised delivery time runs until ${new Date(promisedAt).toISOString()}.`,
            favours: 'SELLER',
            citation: { kind: 'POLICY_RULE', ref: 'NOT_RECEIVED_IN_TRANSIT' },
          });
          [outcome, confidence] = ['SELLER_FAVOUR', 0.5];
        } else {
          found.push({
            code: 'NO_DELIVERY_RECORDED',
            statement: 'No delivery is recorded and the promised delivery time has passed.',
            favours: 'BUYER',
            citation: {
              kind: 'TRACKING',
              ref: trackingRef,
              note: status ? `last status ${status}` : 'no delivery scan',
            },
          });
          [outcome, confidence] = ['REFUND_BUYER', 0.75];
        }
      }
      break;
    }
    case 'NOT_AS_DESCRIBED': {
      if (facts.subReason === 'COUNTERFEIT') {
        found.push({
          code: 'COUNTERFEIT',
          statement: 'The buyer reports a counterfeit: the buyer is refunded and the seller penalised.',
          favours: 'BUYER',
          citation: { kind: 'POLICY_RULE', ref: 'NAD-COUNTERFEIT' },
        });
        [outcome, confidence, sellerPenalised] = ['REFUND_BUYER', 0.9, true];
        break;
      }
      const flagged = flaggedAttribute(facts);
      if (flagged) {
        found.push({
          code: 'AUDIT_FLAGGED_ATTRIBUTE',
          statement: `The listing audit in force at purchase had flagged ${flagged.field} (${flagged.ruleId}), the very attribute the buyer complains of.`,
          favours: 'BUYER',
          citation: { kind: 'AUDIT_FINDING', ref: flagged.ruleId, note: flagged.field },
        });
        [outcome, confidence] = [
          facts.requested.type === 'RETURN_AND_REFUND' ? 'RETURN_AND_REFUND' : 'REFUND_BUYER',
          0.85,
        ];
      } else if (facts.evidence.length > 0) {
        [outcome, confidence] = [
          facts.requested.type === 'RETURN_AND_REFUND' ? 'RETURN_AND_REFUND' : 'PARTIAL_REFUND',
          0.6,
        ];
      } else {
        [outcome, confidence] = ['SELLER_FAVOUR', 0.55];
      }
      const [firstEvidence] = evidenceCitations;
      if (firstEvidence) {
        found.push({
          code: 'BUYER_EVIDENCE',
          statement: `The buyer supplied ${facts.evidence.length} piece(s) of evidence.`,
          favours: 'BUYER',
          citation: firstEvidence,
        });
      }
      break;
    }
    case 'SELLER_REFUSED_SALE': {
      found.push({
        code: 'SELLER_REFUSED_SALE',
        statement: 'A seller must honour a paid order at the price shown; the buyer is refunded.',
        favours: 'BUYER',
        citation: { kind: 'POLICY_RULE', ref: 'SELLER-REFUSED-SALE' },
      });
      // The tassel-pendant case: the audit had already told the seller the listing was at the wrong sale unit.
      const saleUnit = facts.audit?.findings.find((finding) => finding.ruleId.startsWith('SALE_UNIT'));
      if (saleUnit) {
        found.push({
          code: 'AUDIT_FLAGGED_SALE_UNIT',
          statement: `The listing audit in force at purchase had flagged the sale unit and price (${saleUnit.ruleId}): the price the buyer paid is the seller's own error.`,
          favours: 'BUYER',
          citation: { kind: 'AUDIT_FINDING', ref: saleUnit.ruleId, note: saleUnit.field },
        });
      }
      [outcome, confidence] = ['REFUND_BUYER', saleUnit ? 0.9 : 0.85];
      break;
    }
    default:
      found.push({
        code: 'BUYER_REASON',
        statement: 'The buyer changed their mind: a return at the buyer’s cost is the usual ruling.',
        favours: 'SELLER',
        citation: { kind: 'POLICY_RULE', ref: 'BUYER-REASON-RETURN' },
      });
      [outcome, confidence] = [
        facts.requested.type === 'RETURN_AND_REFUND' ? 'RETURN_AND_REFUND' : 'SELLER_FAVOUR',
        0.65,
      ];
  }

  // A prompt supply incident (issue 19): the seller owned the failure and offered the remedy before the dispute could
  // force it. It does not change who is refunded, but it is good faith: the seller is not penalised.
  const incident = promptIncident(facts.supplyIncidents ?? [], facts.openedAt);
  if (incident) {
    const hours = Math.round((Date.parse(incident.openedAt) - Date.parse(facts.openedAt)) / 3_600_000);
    const when =
      hours < 0
        ? `${-hours} h before the dispute was opened`
        : hours === 0
          ? 'within the hour the dispute was opened'
          : `${hours} h after the dispute was opened`;
    const offer =
      incident.remedy === 'WAIT_UNTIL' && incident.waitUntil
        ? `asked the buyer to wait until ${incident.waitUntil}`
        : 'offered a full refund';
    found.push({
      code: 'SUPPLY_INCIDENT_DECLARED',
      statement: `The seller declared on ${incident.openedAt} that it could not ship (${incident.cause}), ${when}, apologised to the buyer and ${offer}: it acted in good faith.`,
      favours: 'SELLER',
      citation: {
        kind: 'POLICY_RULE',
        ref: `supply-incident:${incident.incidentId}`,
        note: `declared ${when}; ${incident.remedy}`,
      },
    });
    sellerPenalised = false;
    if (outcome === 'SELLER_FAVOUR') confidence += 0.05;
  }

  // The seller's response time: answering late, or not at all, weighs against the seller.
  if (facts.sellerRespondedAt && facts.sellerRespondedWithin !== false) {
    const hours = Math.round((Date.parse(facts.sellerRespondedAt) - Date.parse(facts.openedAt)) / 3_600_000);
    found.push({
      code: 'SELLER_ANSWERED_IN_TIME',
      statement: `The seller answered within the deadline (${hours} h after opening).`,
      favours: 'SELLER',
      citation: { kind: 'POLICY_RULE', ref: 'SELLER_RESPONSE_TIME', note: `${hours} h` },
    });
    confidence += outcome === 'SELLER_FAVOUR' ? 0.05 : -0.05;
  } else {
    found.push({
      code: facts.sellerRespondedAt ? 'SELLER_ANSWERED_LATE' : 'SELLER_NEVER_ANSWERED',
      statement: facts.sellerRespondedAt
        ? 'The seller answered after the response deadline.'
        : 'The seller has not answered the dispute.',
      favours: 'BUYER',
      citation: { kind: 'POLICY_RULE', ref: 'SELLER_RESPONSE_TIME' },
    });
    confidence += outcome === 'SELLER_FAVOUR' ? -0.1 : 0.05;
  }
  for (const citation of evidenceCitations.slice(facts.reason === 'NOT_AS_DESCRIBED' ? 1 : 0)) {
    if (facts.reason === 'NOT_AS_DESCRIBED') {
      found.push({ code: 'BUYER_EVIDENCE', statement: 'Further evidence from the buyer.', favours: 'BUYER', citation });
    }
  }
  // Evidence the reason's checklist expects and the party has not provided weighs against that party.
  for (const item of facts.evidenceChecklist?.items ?? []) {
    if (item.provided) continue;
    const favours = item.party === 'SELLER' ? 'BUYER' : 'SELLER';
    found.push({
      code: `${item.party}_EVIDENCE_MISSING`,
      statement: `The ${item.party.toLowerCase()} has not provided the evidence expected for ${facts.subReason}: ${item.description}.`,
      favours,
      citation: {
        kind: 'POLICY_RULE',
        ref: `evidence-checklist:${facts.subReason}:${item.id}`,
        note: `missing: ${item.kinds.join(' or ')} from the ${item.party.toLowerCase()}`,
      },
    });
    confidence += (outcome === 'SELLER_FAVOUR') === (favours === 'SELLER') ? 0.05 : -0.05;
  }

  confidence = Math.round(Math.min(0.97, Math.max(0.3, confidence)) * 100) / 100;
  return {
    outcome,
    confidence,
    sellerPenalised,
    facts: found,
    citations: found.map((fact) => fact.citation),
    suggestedResolution: suggestion(outcome, facts),
  };
}

function flaggedAttribute(facts: CaseFacts) {
  const findings = (facts.audit?.findings ?? []).filter((finding) => finding.severity !== 'INFO');
  const fields = COMPLAINED_FIELDS[facts.subReason] ?? [];
  const text = facts.description.toLowerCase();
  // First a finding on a field the buyer's description names; else one on a field the sub-reason points at
  // (attributes only when named).
  const leafOf = (field: string) => field.split('.').at(-1)!.toLowerCase();
  const named = (field: string) => leafOf(field).length >= 3 && text.includes(leafOf(field));
  return (
    findings.find((finding) => named(finding.field)) ??
    findings.find((finding) => {
      const [top = ''] = finding.field.split('.');
      return fields.includes(top) && top !== 'attributes';
    })
  );
}

function suggestion(outcome: RulingOutcome, facts: CaseFacts): PredictedRuling['suggestedResolution'] {
  switch (outcome) {
    case 'SELLER_FAVOUR':
      return { type: 'NO_REFUND' };
    case 'RETURN_AND_REFUND':
      return { type: 'RETURN_AND_REFUND', refund: facts.requested.refund };
    case 'PARTIAL_REFUND':
      return {
        type: 'REFUND_ONLY',
        refund: { ...facts.requested.refund, amountMinor: Math.floor(facts.requested.refund.amountMinor / 2) },
      };
    default:
      return { type: 'REFUND_ONLY', refund: facts.requested.refund };
  }
}
