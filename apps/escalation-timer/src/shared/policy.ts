import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY, parsePolicy, type Policy } from '@settle/dispute-lifecycle';

export const POLICY = Symbol('POLICY');

/** The marketplace policy from SETTLE_POLICY_FILE (DOMAIN.md's defaults without it); a bad file stops the service. */
export function loadPolicy(file: string | undefined): Policy {
  if (!file) return DEFAULT_POLICY;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`SETTLE_POLICY_FILE: cannot read ${file} (${(error as Error).message})`);
  }
  try {
    return parsePolicy(text);
  } catch (error) {
    throw new Error(`SETTLE_POLICY_FILE ${file}: ${(error as Error).message}`);
  }
}
