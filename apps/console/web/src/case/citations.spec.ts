import type { CaseView } from '../api/types';
import { buildCitations, citableItems, suggestedTicks } from './citations';

const view = {
  dispute: {
    orderId: 'O-1',
    evidence: [{ evidenceId: 'ev-1', kind: 'PHOTO', url: 'https://img.example.com/chat.png' }],
    order: { carrier: 'China Post', trackingNumber: 'RR1CN', amount: { amountMinor: 5994, currency: 'USD' } },
  },
  messages: [{ messageId: 'msg-1', author: { role: 'SELLER', id: 'S-1' }, body: 'YOU MUST PAY MORE.', postedAt: '' }],
  listingAtPurchase: {
    audit: {
      findings: [
        {
          ruleId: 'SALE_UNIT_PRICE_MISMATCH',
          severity: 'BLOCK',
          field: 'saleUnit',
          message: 'Priced like one piece.',
          fix: '',
        },
      ],
    },
  },
  tracking: null,
  predictedRuling: {
    facts: [
      {
        code: 'A',
        statement: 'Honour a paid order.',
        favours: 'BUYER',
        citation: { kind: 'POLICY_RULE', ref: 'SELLER-REFUSED-SALE' },
      },
      {
        code: 'B',
        statement: 'Flagged.',
        favours: 'BUYER',
        citation: { kind: 'AUDIT_FINDING', ref: 'SALE_UNIT_PRICE_MISMATCH' },
      },
      {
        code: 'C',
        statement: 'Same rule again.',
        favours: 'BUYER',
        citation: { kind: 'POLICY_RULE', ref: 'SELLER-REFUSED-SALE' },
      },
    ],
    citations: [
      { kind: 'POLICY_RULE', ref: 'SELLER-REFUSED-SALE' },
      { kind: 'AUDIT_FINDING', ref: 'SALE_UNIT_PRICE_MISMATCH' },
      { kind: 'POLICY_RULE', ref: 'NOT-IN-THE-CASE-LIST' },
    ],
  },
} as unknown as CaseView;

describe('citations chosen by ticking the items of the case', () => {
  it('lists every citable item once, by kind', () => {
    expect(citableItems(view).map((item) => item.id)).toEqual([
      'EVIDENCE:ev-1',
      'MESSAGE:msg-1',
      'AUDIT_FINDING:SALE_UNIT_PRICE_MISMATCH',
      'POLICY_RULE:SELLER-REFUSED-SALE',
      'TRACKING:RR1CN',
    ]);
  });

  it('builds the ruling’s citations from the ticks, in the case’s order, with the finding’s field as note', () => {
    const items = citableItems(view);
    expect(
      buildCitations(items, new Set(['TRACKING:RR1CN', 'AUDIT_FINDING:SALE_UNIT_PRICE_MISMATCH', 'MESSAGE:gone'])),
    ).toEqual([
      { kind: 'AUDIT_FINDING', ref: 'SALE_UNIT_PRICE_MISMATCH', note: 'saleUnit' },
      { kind: 'TRACKING', ref: 'RR1CN' },
    ]);
    expect(buildCitations(items, new Set())).toEqual([]);
  });

  it('starts from the predicted ruling’s citations that the case lists', () => {
    expect([...suggestedTicks(view, citableItems(view))]).toEqual([
      'POLICY_RULE:SELLER-REFUSED-SALE',
      'AUDIT_FINDING:SALE_UNIT_PRICE_MISMATCH',
    ]);
  });
});
