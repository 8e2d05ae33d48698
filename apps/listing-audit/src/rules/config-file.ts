import { readFileSync } from 'node:fs';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from './config';

/**
 * The audit configuration an operator ships as JSON (AUDIT_RULES_FILE): the same shape as DEFAULT_AUDIT_CONFIG,
 * every part optional. Categories and thresholds merge over the defaults; lists replace them.
 */
export function mergeAuditConfig(base: AuditConfig, override: unknown): AuditConfig {
  if (typeof override !== 'object' || override === null || Array.isArray(override)) {
    throw new Error('the audit configuration must be a JSON object');
  }
  const patch = override as Partial<AuditConfig>;
  return {
    categories: {
      ...base.categories,
      ...(patch.categories ?? {}),
      default: { ...base.categories.default, ...(patch.categories?.default ?? {}) },
    },
    protectedBrands: patch.protectedBrands ?? base.protectedBrands,
    brandAuthorisations: { ...base.brandAuthorisations, ...(patch.brandAuthorisations ?? {}) },
    counterfeitTerms: patch.counterfeitTerms ?? base.counterfeitTerms,
    thresholds: { ...base.thresholds, ...(patch.thresholds ?? {}) },
  };
}

export function loadAuditConfig(file: string | undefined, feedbackThreshold?: number): AuditConfig {
  let config = DEFAULT_AUDIT_CONFIG;
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`AUDIT_RULES_FILE: cannot read ${file}: ${(error as Error).message}`);
    }
    config = mergeAuditConfig(config, parsed);
  }
  if (feedbackThreshold !== undefined) {
    config = { ...config, thresholds: { ...config.thresholds, feedbackDisputes: feedbackThreshold } };
  }
  return config;
}
