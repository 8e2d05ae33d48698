import { Injectable } from '@nestjs/common';
import { AddressPolicy, Allowlist, OutboundGuard, systemResolver, type UrlCheck } from '@settle/platform';
import { NegotiationConfig } from '../config/negotiation.config';

/**
 * Seller webhook URLs under the platform's outbound address policy (libs/platform/src/net), with
 * WEBHOOK_URL_ALLOWLIST: checked when an endpoint is registered and before each delivery (answers cached briefly
 * so deliveries do not wait on DNS); the sender's agents decide again on the address of every connection.
 */
@Injectable()
export class UrlGuard {
  readonly outbound: OutboundGuard;
  private readonly cache = new Map<string, { check: UrlCheck; until: number }>();

  constructor(config: NegotiationConfig) {
    this.outbound = new OutboundGuard(new AddressPolicy(new Allowlist(config.WEBHOOK_URL_ALLOWLIST ?? '')), (host) =>
      this.resolver(host),
    );
  }

  /** Test seam: how host names resolve. */
  resolver = systemResolver;

  check(url: string): Promise<UrlCheck> {
    return this.outbound.checkUrl(url);
  }

  async checkCached(url: string, ttlMs = 30_000): Promise<UrlCheck> {
    const cached = this.cache.get(url);
    if (cached && cached.until > Date.now()) return cached.check;
    const check = await this.check(url);
    this.cache.set(url, { check, until: Date.now() + ttlMs });
    return check;
  }
}
