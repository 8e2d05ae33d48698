import { complaintFocus, disputeFeedbackAttribute, FEEDBACK_RULES } from './feedback.rules';
import { cleanListing, describeRuleFamily, hitsOf } from './spec-fixtures';
import type { DisputeSignal } from './types';

const dispute = (n: number, subReason: string, description: string): DisputeSignal => ({
  disputeId: `01958a1e-6c00-7a10-8000-00000000010${n}`,
  subReason,
  description,
});

const colourComplaints = [
  dispute(1, 'DIFFERENT_FROM_LISTING', 'The pendant is orange, not red as in the photos.'),
  dispute(2, 'DIFFERENT_FROM_LISTING', 'Wrong colour, it looks pink.'),
  dispute(3, 'QUALITY', 'The colour faded after a day.'),
];

describeRuleFamily('dispute feedback', FEEDBACK_RULES, {
  DISPUTE_FEEDBACK_ATTRIBUTE: {
    listing: cleanListing(),
    context: { disputes: colourComplaints },
    says: /3 of 3 NOT_AS_DESCRIBED disputes .* colour \(the listing says "red"\)/,
  },
  DISPUTE_FEEDBACK_NOT_AS_DESCRIBED: {
    listing: cleanListing(),
    context: {
      disputes: [
        dispute(1, 'DAMAGED', 'It arrived broken.'),
        dispute(2, 'WRONG_ITEM', 'I got a keychain.'),
        dispute(3, 'QUALITY', 'Poor workmanship.'),
      ],
    },
    says: /3 NOT_AS_DESCRIBED disputes .*DAMAGED x1/,
  },
});

describe('dispute feedback details', () => {
  it('stays quiet below the threshold', () => {
    expect(hitsOf(disputeFeedbackAttribute, cleanListing(), { disputes: colourComplaints.slice(0, 2) })).toEqual([]);
  });

  it('names the attribute buyers complain of: colour, size, material, quantity', () => {
    expect(complaintFocus(colourComplaints)?.topic).toBe('colour');
    const sizes = [
      dispute(1, 'DIFFERENT_FROM_LISTING', 'Much smaller than described, 5 cm not 8 cm.'),
      dispute(2, 'DIFFERENT_FROM_LISTING', 'Too short.'),
      dispute(3, 'QUALITY', 'The size is wrong.'),
    ];
    expect(complaintFocus(sizes)?.topic).toBe('size');
    const [sizeHit] = hitsOf(disputeFeedbackAttribute, cleanListing(), { disputes: sizes });
    expect(sizeHit?.field).toBe('attributes.size');
    expect(sizeHit?.message).toMatch(/does not state it/);
    const materials = [
      dispute(1, 'QUALITY', 'It is plastic, not silk.'),
      dispute(2, 'DIFFERENT_FROM_LISTING', 'Cheap polyester thread.'),
      dispute(3, 'DIFFERENT_FROM_LISTING', 'The material is not what was listed.'),
    ];
    const [materialHit] = hitsOf(disputeFeedbackAttribute, cleanListing(), { disputes: materials });
    expect(materialHit?.field).toBe('attributes.material');
    const short = [1, 2, 3].map((n) => dispute(n, 'QUANTITY_SHORT', 'Not all there.'));
    const lot = cleanListing({ saleUnit: { type: 'LOT', piecesPerLot: 10 } });
    expect(hitsOf(disputeFeedbackAttribute, lot, { disputes: short })[0]?.field).toBe('saleUnit.piecesPerLot');
  });

  it('reads complaints in Spanish, French and Portuguese', () => {
    const colours = [
      dispute(1, 'DIFFERENT_FROM_LISTING', 'La couleur est différente de la photo'),
      dispute(2, 'DIFFERENT_FROM_LISTING', 'A cor é diferente da foto'),
      dispute(3, 'DIFFERENT_FROM_LISTING', 'El color no es el mismo'),
    ];
    expect(complaintFocus(colours)?.topic).toBe('colour');
    const sizes = [
      dispute(1, 'DIFFERENT_FROM_LISTING', 'Taille trop petite'),
      dispute(2, 'DIFFERENT_FROM_LISTING', 'La talla es muy pequeña'),
      dispute(3, 'DIFFERENT_FROM_LISTING', 'Not as described.'),
    ];
    expect(complaintFocus(sizes)?.topic).toBe('size');
  });
});
