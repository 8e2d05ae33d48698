import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUuid } from '@settle/contracts';
import { NotFound } from '../errors';

/**
 * A path parameter that holds an id Settle mints (a dispute, proposal, command, escalation, webhook endpoint or
 * delivery: a UUID). Anything else names nothing, so it answers 404 before any query (Postgres would refuse it as
 * `invalid input syntax for type uuid`): `@Param('disputeId', new SettleIdPipe('Dispute')) disputeId: string`.
 */
@Injectable()
export class SettleIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly resource: string) {}

  transform(value: unknown): string {
    if (!isUuid(value)) {
      const shown = String(value);
      throw new NotFound(this.resource, shown.length > 64 ? `${shown.slice(0, 64)}…` : shown);
    }
    return value;
  }
}
