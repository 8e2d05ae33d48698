import { Injectable } from '@nestjs/common';
import { NegotiationConfig } from '../config/negotiation.config';
import { checkWebhookUrl, systemResolver, UrlAllowlist, type Resolver, type UrlCheck } from './ssrf';

/** The SSRF guard with the configured allowlist; answers are cached briefly so deliveries do not wait on DNS. */
@Injectable()
export class UrlGuard {
  readonly allowlist: UrlAllowlist;
  private readonly cache = new Map<string, { check: UrlCheck; until: number }>();
  resolver: Resolver = systemResolver;

  constructor(config: NegotiationConfig) {
    this.allowlist = new UrlAllowlist(config.WEBHOOK_URL_ALLOWLIST ?? '');
  }

  check(url: string): Promise<UrlCheck> {
    return checkWebhookUrl(url, this.allowlist, this.resolver);
  }

  async checkCached(url: string, ttlMs = 30_000): Promise<UrlCheck> {
    const cached = this.cache.get(url);
    if (cached && cached.until > Date.now()) return cached.check;
    const check = await this.check(url);
    this.cache.set(url, { check, until: Date.now() + ttlMs });
    return check;
  }
}
