/** One refused field: `field` is a dotted path (`requested.refund.amountMinor`, `evidence.0.url`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A message that does not honour the contract: unparseable JSON, a malformed envelope, an unknown type, or a
 * payload that fails validation. Permanent by nature (retrying cannot fix it), so consumers dead-letter it.
 */
export class ContractViolationError extends Error {
  readonly code = 'CONTRACT_VIOLATION';

  constructor(
    readonly errors: FieldError[],
    summary = 'message does not honour the contract',
  ) {
    super(`${summary}: ${describe(errors)}`);
    this.name = 'ContractViolationError';
  }
}

function describe(errors: FieldError[]): string {
  const shown = errors.slice(0, 5).map((error) => (error.field ? `${error.field} ${error.message}` : error.message));
  return errors.length > 5 ? `${shown.join('; ')}; and ${errors.length - 5} more` : shown.join('; ');
}
