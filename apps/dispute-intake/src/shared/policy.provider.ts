import { DEFAULT_POLICY, parsePolicy, type Policy } from '@settle/dispute-lifecycle';
import { ConfigError, ServiceConfig } from '@settle/platform';
import { readFileSync } from 'node:fs';

export const POLICY = Symbol('POLICY');

/** The marketplace policy from SETTLE_POLICY_FILE (DOMAIN.md defaults without one); a bad file stops the service. */
export function loadPolicy(config: Pick<ServiceConfig, 'SETTLE_POLICY_FILE'>): Policy {
  const file = config.SETTLE_POLICY_FILE;
  if (!file) return DEFAULT_POLICY;
  try {
    return parsePolicy(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([{ variable: 'SETTLE_POLICY_FILE', message: `${file}: ${(error as Error).message}` }]);
  }
}

export const policyProvider = {
  provide: POLICY,
  inject: [ServiceConfig],
  useFactory: (config: ServiceConfig): Policy => loadPolicy(config),
};
