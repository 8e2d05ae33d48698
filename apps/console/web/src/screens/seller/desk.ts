import type { components as Intake } from '../../api/schema/dispute-intake';
import type { components as Negotiation } from '../../api/schema/negotiation';
import { parseMajor, type Money } from '../../format/money';

export type DisputeView = Intake['schemas']['DisputeResponse'];
export type DisputeRow = Intake['schemas']['DisputeSummaryResponse'];
export type DisputeStatus = Intake['schemas']['DisputeStatus'];
export type EvidenceFile = Intake['schemas']['EvidenceItemResponse'];
export type ProposalType = Negotiation['schemas']['ProposalType'];
export type ToneFinding = Negotiation['schemas']['ToneFindingView'];
export type ReplyTemplate = Negotiation['schemas']['TemplateView'];
export type MessageView = Negotiation['schemas']['MessageView'];
export type BuyerContext = Negotiation['schemas']['CaseContextResponse'];

/**
 * The seller's quick filters, as large marketplaces name them, and the statuses each covers. The list asks the
 * service for each status (the service scopes every answer to the signed-in seller; the page never filters).
 */
export const QUICK_FILTERS = {
  awaiting: ['AWAITING_SELLER', 'OPENED'],
  negotiating: ['NEGOTIATING'],
  awaitingReturn: ['AWAITING_RETURN'],
  awaitingReceipt: ['RETURN_IN_TRANSIT'],
  escalated: ['ESCALATED'],
  closed: ['AGREED', 'RESOLVED', 'CANCELLED'],
} as const satisfies Record<string, readonly DisputeStatus[]>;
export type QuickFilter = keyof typeof QUICK_FILTERS;
export const QUICK_FILTER_NAMES = Object.keys(QUICK_FILTERS) as QuickFilter[];

export function isQuickFilter(value: string | null): value is QuickFilter {
  return value !== null && Object.prototype.hasOwnProperty.call(QUICK_FILTERS, value);
}

/** Each quick filter's count from the service's counts by status. */
export function filterCounts(byStatus: Partial<Record<DisputeStatus, number>>): Record<QuickFilter, number> {
  const out = {} as Record<QuickFilter, number>;
  for (const name of QUICK_FILTER_NAMES) {
    out[name] = QUICK_FILTERS[name].reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
  }
  return out;
}

/** The list's state as the URL carries it: `?filter=awaiting&order=O-1`. */
export interface ListState {
  filter: QuickFilter;
  orderId: string;
}

export function readListState(query: URLSearchParams): ListState {
  const filter = query.get('filter');
  return { filter: isQuickFilter(filter) ? filter : 'awaiting', orderId: (query.get('order') ?? '').trim() };
}

export function listHref(state: ListState): string {
  const query = new URLSearchParams();
  if (state.filter !== 'awaiting') query.set('filter', state.filter);
  if (state.orderId) query.set('order', state.orderId);
  const text = query.toString();
  return text ? `/seller/disputes?${text}` : '/seller/disputes';
}

/** The running seller-response deadline of a dispute (null when none is running). */
export function sellerDueAt(row: Pick<DisputeRow, 'deadlines'>): string | null {
  return row.deadlines.find((deadline) => deadline.kind === 'SELLER_RESPONSE')?.dueAt ?? null;
}

/** Most urgent first: the nearest seller deadline, then those without one, newest opened first. */
export function byUrgency(a: DisputeRow, b: DisputeRow): number {
  const dueA = sellerDueAt(a);
  const dueB = sellerDueAt(b);
  if (dueA && dueB && dueA !== dueB) return Date.parse(dueA) - Date.parse(dueB);
  if (dueA && !dueB) return -1;
  if (!dueA && dueB) return 1;
  return b.openedAt.localeCompare(a.openedAt);
}

/** A message split into plain text and the spans the tone lint found, for highlighting (overlaps merged). */
export interface Segment {
  text: string;
  finding?: number;
}

export function segments(body: string, findings: readonly { span?: { start: number; end: number } }[]): Segment[] {
  const spans = findings
    .map((finding, index) => ({ index, span: finding.span }))
    .filter(
      (item): item is { index: number; span: { start: number; end: number } } =>
        !!item.span && item.span.end > item.span.start && item.span.start < body.length,
    )
    .sort((a, b) => a.span.start - b.span.start);
  const out: Segment[] = [];
  let at = 0;
  for (const { index, span } of spans) {
    const start = Math.max(span.start, at);
    const end = Math.min(span.end, body.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: body.slice(at, start) });
    out.push({ text: body.slice(start, end), finding: index });
    at = end;
  }
  if (at < body.length) out.push({ text: body.slice(at) });
  return out;
}

/** A template's text for the message box: its body, then its next steps as a list. */
export function templateText(template: Pick<ReplyTemplate, 'body' | 'steps'>): string {
  return template.steps.length
    ? `${template.body}\n\n${template.steps.map((step) => `- ${step}`).join('\n')}`
    : template.body;
}

export const COUNTER_TYPES: readonly ProposalType[] = ['REFUND_ONLY', 'RETURN_AND_REFUND', 'RESEND', 'NO_REFUND'];

export type CounterCheck =
  | { ok: true; proposal: { type: ProposalType; refund?: Money; expiresAt?: string } }
  | { ok: false; problem: 'required' | 'format' | 'precision' | 'abovePaid' | 'zero' | 'expiry' | 'message' };

/**
 * The counter-proposal as typed, checked before anything is sent: a refund names an amount above zero and never
 * above what was paid; RESEND and NO_REFUND carry none; an expiry is in the future; a message is required.
 */
export function checkCounter(
  form: { type: ProposalType; amount: string; expiresAt: string; message: string },
  paid: Money,
  now: number,
): CounterCheck {
  if (!form.message.trim()) return { ok: false, problem: 'message' };
  let expiresAt: string | undefined;
  if (form.expiresAt) {
    const at = Date.parse(form.expiresAt);
    if (Number.isNaN(at) || at <= now) return { ok: false, problem: 'expiry' };
    expiresAt = new Date(at).toISOString();
  }
  const withExpiry = expiresAt ? { expiresAt } : {};
  if (form.type === 'RESEND' || form.type === 'NO_REFUND')
    return { ok: true, proposal: { type: form.type, ...withExpiry } };
  if (!form.amount.trim()) return { ok: false, problem: 'required' };
  const parsed = parseMajor(form.amount, paid.currency);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  if (parsed.amountMinor > paid.amountMinor) return { ok: false, problem: 'abovePaid' };
  if (parsed.amountMinor <= 0) return { ok: false, problem: 'zero' };
  return {
    ok: true,
    proposal: { type: form.type, refund: { amountMinor: parsed.amountMinor, currency: paid.currency }, ...withExpiry },
  };
}

/** The buyer's language named from a BCP 47 tag, in the viewer's language ("fr-FR" -> "French (France)"). */
export function languageName(tag: string, viewer: string): string {
  try {
    return new Intl.DisplayNames([viewer], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Evidence files the page can preview inline (images through their thumbnail); others are links. */
export function previewOf(file: EvidenceFile): 'image' | 'pdf' | 'video' | 'link' | 'unpreserved' {
  if (!file.preserved || !file.href) return 'unpreserved';
  if (file.contentType?.startsWith('image/')) return 'image';
  if (file.contentType === 'application/pdf') return 'pdf';
  if (file.contentType === 'video/mp4') return 'video';
  return 'link';
}

/** The gateway's address of a service path (`/v1/evidence/…` -> `/api/dispute-intake/v1/evidence/…`). */
export function viaGateway(path: string): string {
  return `/api/dispute-intake${path}`;
}

export const UPLOAD_KINDS = ['PHOTO', 'VIDEO', 'DOCUMENT', 'TRACKING'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** The kind a dropped file most likely is (the person can change it): images are photos, videos videos. */
export function guessKind(file: { type: string }): UploadKind {
  if (file.type.startsWith('image/')) return 'PHOTO';
  if (file.type.startsWith('video/')) return 'VIDEO';
  return 'DOCUMENT';
}
