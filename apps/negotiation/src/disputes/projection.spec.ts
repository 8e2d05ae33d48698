import { eventSamples, sampleEnvelope, SAMPLE_IDS } from '@settle/contracts/testing';
import { applyDisputeEvent, currentBuyerProposal, isExpired, ProposalState } from './projection';

describe('dispute projection', () => {
  const opened = () => applyDisputeEvent(undefined, sampleEnvelope('dispute.opened'))!;

  it('builds parties, state, version and the opening proposal from dispute.opened', () => {
    const view = opened();
    expect(view).toMatchObject({
      id: SAMPLE_IDS.disputeId,
      sellerId: 'S-1',
      buyerId: 'B-42',
      status: 'AWAITING_SELLER',
      version: 1,
    });
    expect(view.proposals).toEqual([expect.objectContaining({ by: 'BUYER', state: 'OPEN', recordedAtVersion: 1 })]);
    expect(currentBuyerProposal(view)?.proposalId).toBe(SAMPLE_IDS.buyerProposalId);
  });

  it('keeps every round in order: counter, buyer modification, agreement', () => {
    let view = opened();
    view = applyDisputeEvent(view, sampleEnvelope('dispute.seller_responded'))!;
    expect(view.status).toBe('NEGOTIATING');
    expect(view.proposals.map((proposal) => [proposal.by, proposal.state])).toEqual([
      ['BUYER', 'OPEN'],
      ['SELLER', 'OPEN'],
    ]);
    const modified = eventSamples['dispute.proposal_submitted']();
    modified.proposal = { ...modified.proposal, proposalId: '01958a1e-6c00-7a10-8000-0000000000b2' };
    view = applyDisputeEvent(view, sampleEnvelope('dispute.proposal_submitted', modified))!;
    expect(view.version).toBe(3);
    expect(view.proposals.map((proposal) => [proposal.by, proposal.state, proposal.recordedAtVersion])).toEqual([
      ['BUYER', ProposalState.SUPERSEDED, 1],
      ['SELLER', ProposalState.WITHDRAWN, 2],
      ['BUYER', ProposalState.OPEN, 3],
    ]);
    const agreed = eventSamples['dispute.agreed']();
    agreed.version = 4;
    agreed.proposal = modified.proposal;
    view = applyDisputeEvent(view, sampleEnvelope('dispute.agreed', agreed))!;
    expect(view.status).toBe('AGREED');
    expect(view.proposals.map((proposal) => proposal.state)).toEqual(['SUPERSEDED', 'WITHDRAWN', 'ACCEPTED']);
  });

  it('ignores redelivered or older events and command rejections', () => {
    const view = applyDisputeEvent(opened(), sampleEnvelope('dispute.seller_responded'))!;
    expect(applyDisputeEvent(view, sampleEnvelope('dispute.seller_responded'))).toEqual(view);
    expect(applyDisputeEvent(view, sampleEnvelope('dispute.command_rejected'))).toBe(view);
    expect(applyDisputeEvent(undefined, sampleEnvelope('dispute.seller_responded'))).toBeUndefined();
  });

  it('treats a proposal as expired from expiresAt exactly', () => {
    const proposal = { ...eventSamples['dispute.seller_responded']().counterProposal! };
    expect(isExpired(proposal, new Date(Date.parse(proposal.expiresAt!) - 1))).toBe(false);
    expect(isExpired(proposal, new Date(proposal.expiresAt!))).toBe(true);
  });
});
