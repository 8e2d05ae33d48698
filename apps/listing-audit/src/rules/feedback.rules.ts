import { canonicalAttribute } from './config';
import { defineRule, type Rule } from './rule';
import type { AuditedListing, DisputeSignal } from './types';

/**
 * Dispute feedback (docs/DOMAIN.md): a listing that draws NOT_AS_DESCRIBED disputes above a threshold is flagged and
 * re-audited; the findings name the attribute buyers complain about when their sub-reasons and texts point at one.
 */

export type ComplaintTopic = 'colour' | 'size' | 'material' | 'quantity' | 'authenticity' | 'model';

interface TopicSignal {
  topic: ComplaintTopic;
  subReasons: readonly string[];
  words: RegExp;
}

/**
 * Buyers write in many languages (docs/DOMAIN.md): besides English, the words of the template locales (es, fr, pt) for
 * colour, size and material are read too ("la couleur est différente", "talla muy pequeña", "tecido").
 */
const TOPICS: readonly TopicSignal[] = [
  {
    topic: 'colour',
    subReasons: [],
    words:
      /(?:\b(?:colou?rs?|shades?|tones?|faded|red|blue|green|black|white|yellow|pink|purple|orange|gr[ae]y|brown|beige|navy|couleurs?|cor(?:es)?|colores)\b)/i,
  },
  {
    topic: 'size',
    subReasons: [],
    words:
      /(?:\b(?:sizes?|sized|too\s+(?:small|big|large|short|long|tight|loose|narrow|wide)|smaller|bigger|shorter|longer|dimensions?|length|width|height|fits?|cm|mm|inch(?:es)?|tallas?|tailles?|tamanhos?|pequeñ[oa]s?|petite?s?|grande?s?|pequen[oa]s?)\b)/iu,
  },
  {
    topic: 'material',
    subReasons: [],
    words:
      /(?:\b(?:materials?|fabric|plastic|metal|cotton|polyester|silk|wool|leather|nylon|acrylic|synthetic|thin|flimsy|cheap\s+quality|matière|tissu|tecido|plástico|plastique|algodón|algodão|coton)(?![\p{L}]))/iu,
  },
  {
    topic: 'quantity',
    subReasons: ['QUANTITY_SHORT'],
    words: /\b(?:fewer|missing\s+(?:pieces|items)|only\s+\d+|pieces|pcs|quantity|incomplete\s+lot)\b/i,
  },
  {
    topic: 'authenticity',
    subReasons: ['COUNTERFEIT'],
    words: /\b(?:fake|counterfeit|replica|not\s+(?:original|genuine|authentic))\b/i,
  },
  { topic: 'model', subReasons: [], words: /\b(?:model|version|generation)\b/i },
];

export interface ComplaintFocus {
  topic: ComplaintTopic;
  /** Disputes that point at it. */
  count: number;
  disputes: number;
}

/**
 * The topic at least half of the disputes point at (by sub-reason or by their text), the most named first;
 * undefined when the disputes do not agree on one.
 */
export function complaintFocus(disputes: readonly DisputeSignal[]): ComplaintFocus | undefined {
  if (disputes.length === 0) return undefined;
  const tally = TOPICS.map((signal) => ({
    topic: signal.topic,
    count: disputes.filter(
      (dispute) => signal.subReasons.includes(dispute.subReason) || signal.words.test(dispute.description),
    ).length,
  }));
  const best = tally.reduce((top, entry) => (entry.count > top.count ? entry : top));
  if (best.count === 0 || best.count * 2 < disputes.length) return undefined;
  return { topic: best.topic, count: best.count, disputes: disputes.length };
}

/** The listing field a complaint topic points at: the listing's own attribute name when it has one. */
export function complaintField(listing: AuditedListing, topic: ComplaintTopic): { field: string; value?: string } {
  if (topic === 'quantity') {
    return listing.saleUnit.type === 'LOT'
      ? { field: 'saleUnit.piecesPerLot', value: String(listing.saleUnit.piecesPerLot) }
      : { field: 'saleUnit' };
  }
  if (topic === 'authenticity') return { field: 'brand', value: listing.brand };
  const own = Object.entries(listing.attributes).find(([name]) => canonicalAttribute(name) === topic);
  return own ? { field: `attributes.${own[0]}`, value: own[1] } : { field: `attributes.${topic}` };
}

const FIXES: Record<ComplaintTopic, string> = {
  colour:
    'Photograph the item in daylight and make the colour attribute, the title and the images match what you ship.',
  size: 'Give exact measurements (with a size chart) in the size attribute and the description; check them against the item you ship.',
  material:
    'State the true material in the material attribute and the title; check it against the item you ship (a supplier may have changed it).',
  quantity:
    'Make the lot size, the title and the description agree with what one parcel holds, and count before shipping.',
  authenticity: 'Sell only authentic, authorised goods; remove the brand if you cannot prove authorisation.',
  model: 'Name the exact model and version in the model attribute and the title; ship only that model.',
};

const LABELS: Record<ComplaintTopic, string> = {
  colour: 'colour',
  size: 'size',
  material: 'material',
  quantity: 'quantity (pieces per lot)',
  authenticity: 'authenticity of the brand',
  model: 'model',
};

function tooFew(disputes: readonly DisputeSignal[] | undefined, threshold: number): disputes is undefined {
  return disputes === undefined || disputes.length < threshold;
}

export const disputeFeedbackAttribute = defineRule(
  {
    id: 'DISPUTE_FEEDBACK_ATTRIBUTE',
    family: 'dispute-feedback',
    severity: 'BLOCK',
    field: 'attributes.<name>',
    summary:
      'NOT_AS_DESCRIBED disputes above the threshold point at one attribute (colour, size, material, quantity...).',
    fix: 'Make the attribute, the title, the description and the images tell the truth about the item you ship.',
  },
  ({ prepared, context, config }) => {
    const disputes = context.disputes;
    if (tooFew(disputes, config.thresholds.feedbackDisputes)) return [];
    const focus = complaintFocus(disputes);
    if (!focus) return [];
    const { field, value } = complaintField(prepared.listing, focus.topic);
    const says = value !== undefined ? ` (the listing says "${value}")` : ' (the listing does not state it)';
    return [
      {
        field,
        message: `${focus.count} of ${focus.disputes} NOT_AS_DESCRIBED disputes on this listing complain about the ${LABELS[focus.topic]}${says}.`,
        fix: FIXES[focus.topic],
      },
    ];
  },
);

export const disputeFeedbackNotAsDescribed = defineRule(
  {
    id: 'DISPUTE_FEEDBACK_NOT_AS_DESCRIBED',
    family: 'dispute-feedback',
    severity: 'WARN',
    field: 'description',
    summary: 'The listing draws NOT_AS_DESCRIBED disputes above the threshold, without one attribute they agree on.',
    fix: 'Read the disputes, compare the item you ship with the title, attributes, description and images, and correct what differs.',
  },
  ({ context, config }) => {
    const disputes = context.disputes;
    if (tooFew(disputes, config.thresholds.feedbackDisputes) || complaintFocus(disputes)) return [];
    const bySubReason = new Map<string, number>();
    for (const dispute of disputes) bySubReason.set(dispute.subReason, (bySubReason.get(dispute.subReason) ?? 0) + 1);
    const reasons = [...bySubReason].map(([subReason, count]) => `${subReason} x${count}`).join(', ');
    return [{ message: `${disputes.length} NOT_AS_DESCRIBED disputes on this listing (${reasons}).` }];
  },
);

export const FEEDBACK_RULES: Rule[] = [disputeFeedbackAttribute, disputeFeedbackNotAsDescribed];
