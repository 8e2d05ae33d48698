import type { AuditVerdict, FindingSeverity } from '@settle/contracts';
import { ATTRIBUTE_RULES } from './attribute.rules';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from './config';
import { COUNTERFEIT_RULES } from './counterfeit.rules';
import { DUPLICATE_RULES } from './duplicate.rules';
import { FEEDBACK_RULES } from './feedback.rules';
import { IMAGE_RULES } from './image.rules';
import { PRICING_RULES } from './pricing.rules';
import { prepareListing, type Rule } from './rule';
import { SALE_UNIT_RULES } from './sale-unit.rules';
import { SUPPLY_RULES } from './supply.rules';
import { TITLE_RULES } from './title.rules';
import type { AuditContext, AuditedListing, AuditOutcome, Finding, RuleDefinition } from './types';

/** Every rule, in catalogue order. */
export const RULES: readonly Rule[] = [
  ...IMAGE_RULES,
  ...ATTRIBUTE_RULES,
  ...TITLE_RULES,
  ...SALE_UNIT_RULES,
  ...PRICING_RULES,
  ...SUPPLY_RULES,
  ...COUNTERFEIT_RULES,
  ...DUPLICATE_RULES,
  ...FEEDBACK_RULES,
];

/** Points a finding takes off the score of 100. */
export const SEVERITY_PENALTY: Readonly<Record<FindingSeverity, number>> = { BLOCK: 40, WARN: 10, INFO: 2 };

const SEVERITY_ORDER: Readonly<Record<FindingSeverity, number>> = { BLOCK: 0, WARN: 1, INFO: 2 };

/** The catalogue (`GET /v1/rules`): what each rule checks, how bad it is, where it points, and its fix. */
export function ruleCatalogue(rules: readonly Rule[] = RULES): RuleDefinition[] {
  return rules.map(({ id, family, severity, field, summary, fix }) => ({ id, family, severity, field, summary, fix }));
}

/** BLOCK when any finding blocks, WARN when any warns, else PASS (INFO findings never change the verdict). */
export function verdictOf(findings: readonly Finding[]): AuditVerdict {
  if (findings.some((finding) => finding.severity === 'BLOCK')) return 'BLOCK';
  if (findings.some((finding) => finding.severity === 'WARN')) return 'WARN';
  return 'PASS';
}

/** 100 minus each finding's penalty, never below 0. */
export function scoreOf(findings: readonly Finding[]): number {
  return Math.max(0, 100 - findings.reduce((total, finding) => total + SEVERITY_PENALTY[finding.severity], 0));
}

/**
 * Audits one listing: runs every rule, and returns the findings (most severe first, then in catalogue order), the
 * verdict and the score. Pure: the same listing, context and configuration always give the same outcome.
 */
export function auditListing(
  listing: AuditedListing,
  context: AuditContext = {},
  config: AuditConfig = DEFAULT_AUDIT_CONFIG,
  rules: readonly Rule[] = RULES,
): AuditOutcome {
  const input = { prepared: prepareListing(listing, config), context, config };
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const hit of rule.check(input)) {
      findings.push({
        ruleId: rule.id,
        severity: rule.severity,
        field: hit.field ?? rule.field,
        message: hit.message,
        fix: hit.fix ?? rule.fix,
      });
    }
  }
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { verdict: verdictOf(findings), score: scoreOf(findings), findings };
}
