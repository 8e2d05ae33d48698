import type { CaseView, Citation, CitationKind } from '../api/types';

/** One item of the case a ruling can rest on, as a tick box shows it. */
export interface CitableItem {
  /** `${kind}:${ref}`: stable across refreshes, so ticks survive a reload of the case. */
  id: string;
  kind: CitationKind;
  ref: string;
  note?: string;
  /** What the box says, before translation: the finding's message, the message's first words, the rule id. */
  label: string;
}

export const CITATION_ORDER: readonly CitationKind[] = [
  'EVIDENCE',
  'MESSAGE',
  'AUDIT_FINDING',
  'POLICY_RULE',
  'TRACKING',
];

const item = (kind: CitationKind, ref: string, label: string, note?: string): CitableItem => ({
  id: `${kind}:${ref}`,
  kind,
  ref,
  label,
  ...(note ? { note } : {}),
});

function excerpt(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/**
 * Everything in the case a ruling may cite: the evidence, the messages, the audit findings in force at
 * purchase, the policy rules the predicted ruling names, and the tracking. Each appears once.
 */
export function citableItems(view: CaseView): CitableItem[] {
  const items: CitableItem[] = [];
  for (const evidence of view.dispute.evidence) {
    items.push(item('EVIDENCE', evidence.evidenceId, `${evidence.kind}: ${evidence.url}`));
  }
  for (const message of view.messages) {
    items.push(
      item('MESSAGE', message.messageId, `${message.author.role} ${message.author.id}: ${excerpt(message.body)}`),
    );
  }
  for (const finding of view.listingAtPurchase?.audit?.findings ?? []) {
    items.push(item('AUDIT_FINDING', finding.ruleId, `${finding.ruleId}: ${excerpt(finding.message)}`, finding.field));
  }
  for (const fact of view.predictedRuling?.facts ?? []) {
    if (fact.citation.kind === 'POLICY_RULE')
      items.push(item('POLICY_RULE', fact.citation.ref, `${fact.citation.ref}: ${fact.statement}`));
  }
  const order = view.dispute.order;
  if (view.tracking || order.trackingNumber) {
    const ref = order.trackingNumber ?? view.dispute.orderId;
    const status = view.tracking?.status ?? order.trackingStatus;
    items.push(item('TRACKING', ref, [order.carrier, ref, status].filter(Boolean).join(' · ')));
  }
  const seen = new Set<string>();
  return items
    .filter((candidate) => (seen.has(candidate.id) ? false : (seen.add(candidate.id), true)))
    .sort((a, b) => CITATION_ORDER.indexOf(a.kind) - CITATION_ORDER.indexOf(b.kind));
}

/** The ticked items as the ruling's citations, in the case's order, each once; unknown ticks are ignored. */
export function buildCitations(items: readonly CitableItem[], ticked: ReadonlySet<string>): Citation[] {
  return items
    .filter((candidate) => ticked.has(candidate.id))
    .map((candidate) => ({
      kind: candidate.kind,
      ref: candidate.ref,
      ...(candidate.note ? { note: candidate.note } : {}),
    }));
}

/** The predicted ruling's own citations, as ticks to start from (only those the case lists). */
export function suggestedTicks(view: CaseView, items: readonly CitableItem[]): Set<string> {
  const ids = new Set(items.map((candidate) => candidate.id));
  return new Set(
    (view.predictedRuling?.citations ?? [])
      .map((citation) => `${citation.kind}:${citation.ref}`)
      .filter((id) => ids.has(id)),
  );
}
