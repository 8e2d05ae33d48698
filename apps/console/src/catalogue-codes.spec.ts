import {
  AuditTrigger,
  AuditVerdict,
  CitationKind,
  DeadlineAdjustment,
  DeadlineKind,
  DisputeReason,
  DisputeStatus,
  EvidenceKind,
  FindingSeverity,
  ProposalType,
  SUB_REASONS,
  SupplyIncidentCause,
  SupplyRemedy,
} from '@settle/contracts';
import { en } from '../web/src/i18n/en';

/**
 * Every code the services can send, for each kind the console names in words (`i18n.code(kind, value)`), has its
 * words in the catalogue (zh-CN is held to en's keys by the web project's own test). A value added to the contract
 * without them would show as a bare code.
 */
const NAMED: Record<string, readonly string[]> = {
  auditTrigger: Object.values(AuditTrigger),
  verdict: Object.values(AuditVerdict),
  severity: Object.values(FindingSeverity),
  citationKind: Object.values(CitationKind),
  adjustment: Object.values(DeadlineAdjustment),
  deadlineKind: Object.values(DeadlineKind),
  reason: Object.values(DisputeReason),
  subReason: Object.values(SUB_REASONS).flat(),
  disputeStatus: Object.values(DisputeStatus),
  evidenceKind: Object.values(EvidenceKind),
  proposalType: Object.values(ProposalType),
  supplyCause: Object.values(SupplyIncidentCause),
  supplyRemedy: Object.values(SupplyRemedy),
};

describe("the console's words for the contract's codes", () => {
  it.each(Object.entries(NAMED))('name every %s', (kind, values) => {
    const missing = values.filter((value) => !(`${kind}.${value}` in en));
    expect(missing).toEqual([]);
  });
});
