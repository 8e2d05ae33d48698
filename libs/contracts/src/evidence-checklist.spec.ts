import { SUB_REASONS } from './enums';
import { checklistEvidence, checklistOf, evidenceChecklist, requirementsOf } from './evidence-checklist';

describe('the evidence checklist of a dispute', () => {
  it('asks the seller of a parcel not received for tracking or proof of posting', () => {
    expect(evidenceChecklist('IN_TRANSIT_OVERDUE', [])).toEqual({
      items: [expect.objectContaining({ id: 'SELLER_PROOF_OF_POSTING', party: 'SELLER', provided: false })],
      missing: ['SELLER_PROOF_OF_POSTING'],
    });
  });

  it('counts evidence for the party that gave it, of a kind that fits', () => {
    const checklist = evidenceChecklist('QUANTITY_SHORT', [
      { evidenceId: 'e1', kind: 'PHOTO', role: 'BUYER' },
      { evidenceId: 'e2', kind: 'TRACKING', role: 'SELLER' }, // not a packing record
      { evidenceId: 'e3', kind: 'PHOTO', role: 'STAFF' }, // staff's evidence is no party's
    ]);
    expect(checklist.items.map((item) => [item.id, item.provided, item.evidenceIds])).toEqual([
      ['BUYER_ITEM_AND_LABEL', true, ['e1']],
      ['SELLER_PACKING_RECORD', false, []],
    ]);
    expect(checklist.missing).toEqual(['SELLER_PACKING_RECORD']);
  });

  it('has a list for every sub-reason but the buyer’s own reasons, which ask for none', () => {
    for (const reason of ['NOT_RECEIVED', 'NOT_AS_DESCRIBED'] as const) {
      for (const subReason of SUB_REASONS[reason]) expect(requirementsOf(subReason).length).toBeGreaterThan(0);
    }
    for (const subReason of SUB_REASONS.BUYER_REASON) expect(requirementsOf(subReason)).toEqual([]);
  });

  it('counts the files recorded for who added them and the evidence named at opening for the buyer, once', () => {
    const counted = checklistEvidence(
      [
        { evidenceId: 'e1', kind: 'PHOTO' }, // named at opening, then preserved as a file: counted once
        { evidenceId: 'e2', kind: 'DOCUMENT' },
      ],
      [
        { evidenceId: 'e1', kind: 'PHOTO', role: 'BUYER' },
        { evidenceId: 'e3', kind: 'TRACKING', role: 'SELLER' },
      ],
    );
    expect(counted).toEqual([
      { evidenceId: 'e1', kind: 'PHOTO', role: 'BUYER' },
      { evidenceId: 'e3', kind: 'TRACKING', role: 'SELLER' },
      { evidenceId: 'e2', kind: 'DOCUMENT', role: 'BUYER' },
    ]);
    // The buyer's document at opening is no proof of posting: only the seller's tracking meets it.
    expect(evidenceChecklist('NO_TRACKING_UPDATE', counted).missing).toEqual([]);
    expect(evidenceChecklist('NO_TRACKING_UPDATE', checklistEvidence(counted.slice(2), [])).missing).toEqual([
      'SELLER_PROOF_OF_POSTING',
    ]);
  });

  it('gives one party its own part of the checklist', () => {
    const checklist = evidenceChecklist('WRONG_ADDRESS', [{ evidenceId: 'e1', kind: 'DOCUMENT', role: 'BUYER' }]);
    expect(checklist.missing).toEqual(['SELLER_PROOF_OF_POSTING']);
    const seller = checklistOf(checklist, 'SELLER');
    expect(seller.items.map((item) => item.id)).toEqual(['SELLER_PROOF_OF_POSTING']);
    expect(seller.missing).toEqual(['SELLER_PROOF_OF_POSTING']);
    expect(checklistOf(checklist, 'BUYER')).toMatchObject({ missing: [], items: [{ id: 'BUYER_ADDRESS_GIVEN' }] });
  });
});
