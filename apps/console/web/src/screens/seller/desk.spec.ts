import {
  byUrgency,
  checkCounter,
  filterCounts,
  guessKind,
  languageName,
  listHref,
  previewOf,
  readListState,
  segments,
  templateText,
  type DisputeRow,
  type EvidenceFile,
} from './desk';

const USD = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function row(id: string, openedAt: string, sellerDue: string | null): DisputeRow {
  return {
    id,
    openedAt,
    deadlines: sellerDue ? [{ kind: 'SELLER_RESPONSE', dueAt: sellerDue }] : [],
  } as unknown as DisputeRow;
}

describe('the seller desk', () => {
  it('keeps the quick filter and the order search in the URL, awaiting your response by default', () => {
    expect(readListState(new URLSearchParams(''))).toEqual({ filter: 'awaiting', orderId: '' });
    expect(readListState(new URLSearchParams('filter=closed&order=%20O-1%20'))).toEqual({
      filter: 'closed',
      orderId: 'O-1',
    });
    expect(readListState(new URLSearchParams('filter=nonsense')).filter).toBe('awaiting');
    expect(listHref({ filter: 'awaiting', orderId: '' })).toBe('/seller/disputes');
    expect(listHref({ filter: 'escalated', orderId: 'O 7' })).toBe('/seller/disputes?filter=escalated&order=O+7');
  });

  it('adds up each quick filter’s statuses', () => {
    expect(filterCounts({ AWAITING_SELLER: 2, OPENED: 1, AGREED: 1, RESOLVED: 4, CANCELLED: 1, ESCALATED: 3 })).toEqual(
      {
        awaiting: 3,
        negotiating: 0,
        awaitingReturn: 0,
        awaitingReceipt: 0,
        escalated: 3,
        closed: 6,
      },
    );
  });

  it('puts the most urgent seller deadline first, then those without one, newest first', () => {
    const rows = [
      row('a', '2026-01-01T00:00:00Z', null),
      row('b', '2026-01-02T00:00:00Z', '2026-01-05T00:00:00Z'),
      row('c', '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z'),
      row('d', '2026-01-04T00:00:00Z', null),
    ];
    expect([...rows].sort(byUrgency).map((item) => item.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('splits a message into plain text and the lint’s spans, overlapping spans merged', () => {
    const body = "Hello. That's company policy!";
    expect(segments(body, [{ span: { start: 7, end: 28 } }, { span: { start: 14, end: 21 } }, {}])).toEqual([
      { text: 'Hello. ' },
      { text: "That's company policy", finding: 0 },
      { text: '!' },
    ]);
    expect(segments('abc', [])).toEqual([{ text: 'abc' }]);
    expect(segments('abc', [{ span: { start: 5, end: 9 } }])).toEqual([{ text: 'abc' }]);
  });

  it('checks a counter-proposal: never above what was paid, a refund above zero, an expiry ahead, a message', () => {
    const paid = USD(5_994);
    const now = Date.parse('2026-06-01T00:00:00Z');
    const form = { type: 'REFUND_ONLY' as const, amount: '20', expiresAt: '', message: 'Hello, sorry.' };
    expect(checkCounter(form, paid, now)).toEqual({
      ok: true,
      proposal: { type: 'REFUND_ONLY', refund: USD(2_000) },
    });
    expect(checkCounter({ ...form, amount: '59.95' }, paid, now)).toEqual({ ok: false, problem: 'abovePaid' });
    expect(checkCounter({ ...form, amount: '59.94' }, paid, now).ok).toBe(true);
    expect(checkCounter({ ...form, amount: '0' }, paid, now)).toEqual({ ok: false, problem: 'zero' });
    expect(checkCounter({ ...form, amount: '' }, paid, now)).toEqual({ ok: false, problem: 'required' });
    expect(checkCounter({ ...form, amount: '1.234' }, paid, now)).toEqual({ ok: false, problem: 'precision' });
    expect(checkCounter({ ...form, amount: 'ten' }, paid, now)).toEqual({ ok: false, problem: 'format' });
    expect(checkCounter({ ...form, message: '  ' }, paid, now)).toEqual({ ok: false, problem: 'message' });
    expect(checkCounter({ ...form, expiresAt: '2026-05-01T00:00' }, paid, now)).toEqual({
      ok: false,
      problem: 'expiry',
    });
    expect(checkCounter({ ...form, type: 'NO_REFUND', amount: 'ignored' }, paid, now)).toEqual({
      ok: true,
      proposal: { type: 'NO_REFUND' },
    });
    const later = checkCounter({ ...form, expiresAt: '2026-07-01T00:00:00Z' }, paid, now);
    expect(later).toEqual({
      ok: true,
      proposal: { type: 'REFUND_ONLY', refund: USD(2_000), expiresAt: '2026-07-01T00:00:00.000Z' },
    });
  });

  it('turns a template into the message box’s text and names the buyer’s language', () => {
    expect(templateText({ body: 'Hello.', steps: ['Check', 'Reply'] })).toBe('Hello.\n\n- Check\n- Reply');
    expect(templateText({ body: 'Hello.', steps: [] })).toBe('Hello.');
    expect(languageName('fr-FR', 'en')).toBe('French (France)');
    expect(languageName('fr', 'zh-CN')).toBe('法语');
  });

  it('previews images, links PDFs and videos, and says when a URL was not kept', () => {
    const file = (extra: Partial<EvidenceFile>) =>
      ({ preserved: true, href: '/v1/evidence/x', ...extra }) as EvidenceFile;
    expect(previewOf(file({ contentType: 'image/png' }))).toBe('image');
    expect(previewOf(file({ contentType: 'application/pdf' }))).toBe('pdf');
    expect(previewOf(file({ contentType: 'video/mp4' }))).toBe('video');
    expect(previewOf(file({ preserved: false }))).toBe('unpreserved');
    expect(guessKind({ type: 'image/jpeg' })).toBe('PHOTO');
    expect(guessKind({ type: 'video/mp4' })).toBe('VIDEO');
    expect(guessKind({ type: 'application/pdf' })).toBe('DOCUMENT');
  });
});
