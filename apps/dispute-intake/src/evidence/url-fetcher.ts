import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AddressPolicy, Allowlist, describeNetworkError, OutboundGuard } from '@settle/platform';
import http from 'node:http';
import https from 'node:https';
import { IntakeConfig } from '../config/intake.config';

/** Why a URL could not be fetched, in words a person can act on (recorded as the evidence's unpreservedReason). */
export class UrlNotFetched extends Error {}

const MAX_REDIRECTS = 3;

/**
 * Fetches evidence someone named by URL, once, under the platform's outbound address policy (libs/platform/src/net,
 * the webhooks' SSRF guard): no loopback, private or link-local address unless EVIDENCE_URL_ALLOWLIST names it, the
 * decision taken again on every connection and every redirect hop (each a new request through the guarded agents),
 * at most 3 redirects, and the whole fetch within EVIDENCE_URL_TIMEOUT_MS. The body's size is the receiver's to
 * limit, as it is for uploads.
 */
@Injectable()
export class EvidenceUrlFetcher implements OnModuleDestroy {
  private readonly guard: OutboundGuard;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly config: IntakeConfig) {
    this.guard = new OutboundGuard(new AddressPolicy(new Allowlist(config.EVIDENCE_URL_ALLOWLIST)));
    this.httpAgent = this.guard.httpAgent();
    this.httpsAgent = this.guard.httpsAgent();
  }

  /** The response body of a 2xx answer (its stream ends or errors by the deadline), or UrlNotFetched. */
  async open(raw: string): Promise<http.IncomingMessage> {
    const signal = AbortSignal.timeout(this.config.EVIDENCE_URL_TIMEOUT_MS);
    let url = raw;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const check = await this.guard.checkUrl(url);
      if (!check.ok) throw new UrlNotFetched(check.reason);
      const response = await this.get(check.url, signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        url = new URL(response.headers.location, check.url).toString();
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new UrlNotFetched(`${check.url.host} answered ${status}`);
      }
      return response;
    }
    throw new UrlNotFetched(`more than ${MAX_REDIRECTS} redirects`);
  }

  private get(url: URL, signal: AbortSignal): Promise<http.IncomingMessage> {
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).get(url, {
        agent: secure ? this.httpsAgent : this.httpAgent,
        signal,
        headers: { accept: 'image/*, application/pdf, video/mp4', 'user-agent': 'Settle-Evidence/1' },
      });
      request.on('response', resolve);
      request.on('error', (error) =>
        reject(
          new UrlNotFetched(
            signal.aborted
              ? `no complete answer within ${this.config.EVIDENCE_URL_TIMEOUT_MS} ms`
              : describeNetworkError(error, url.host),
          ),
        ),
      );
    });
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
