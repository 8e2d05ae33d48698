import { DEFAULT_POLICY, parsePolicy, type Policy } from '@settle/dispute-lifecycle';
import { readFileSync } from 'node:fs';
import { ConfigError, ServiceConfig } from './config/service-config';

/** Injection token of the marketplace policy: `@Inject(POLICY) policy: Policy`. */
export const POLICY = Symbol('POLICY');

/**
 * The marketplace policy from SETTLE_POLICY_FILE (the defaults of docs/DOMAIN.md without one). A file that cannot be
 * read or parsed stops the service with a message naming the variable.
 */
export function loadPolicy(file: string | undefined): Policy {
  if (!file) return DEFAULT_POLICY;
  try {
    return parsePolicy(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([{ variable: 'SETTLE_POLICY_FILE', message: `${file}: ${(error as Error).message}` }]);
  }
}

/** Provides POLICY from the service's configuration; a service that runs deadlines lists it in its module. */
export const policyProvider = {
  provide: POLICY,
  inject: [ServiceConfig],
  useFactory: (config: ServiceConfig): Policy => loadPolicy(config.SETTLE_POLICY_FILE),
};
