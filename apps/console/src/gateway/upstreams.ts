import type { ConsoleConfig } from '../console.config';

/** The four services behind `/api/<service>/`, by the name the browser uses. */
export const GATEWAY_SERVICES = ['listing-audit', 'dispute-intake', 'negotiation', 'escalation-timer'] as const;
export type GatewayService = (typeof GATEWAY_SERVICES)[number];

export function upstreamUrls(config: ConsoleConfig): Record<GatewayService, URL> {
  return {
    'listing-audit': new URL(config.LISTING_AUDIT_URL),
    'dispute-intake': new URL(config.DISPUTE_INTAKE_URL),
    negotiation: new URL(config.NEGOTIATION_URL),
    'escalation-timer': new URL(config.ESCALATION_TIMER_URL),
  };
}

/**
 * Request headers a browser's call keeps on its way to a service: what describes the body and the answer wanted.
 * Everything else stays behind: the browser's cookies above all, its own Authorization, Origin and Referer, hop-by-hop
 * headers; the gateway adds the session's key and the correlation id.
 */
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'content-type',
  'content-length',
  'content-encoding',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'if-modified-since',
] as const;

export function forwardedRequestHeaders(
  incoming: Record<string, string | string[] | undefined>,
  apiKey: string,
  correlationId: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (incoming['transfer-encoding'] && !headers['content-length']) headers['transfer-encoding'] = 'chunked';
  headers.authorization = `Bearer ${apiKey}`;
  headers['x-correlation-id'] = correlationId;
  return headers;
}

/** Response headers a service's answer keeps on its way back (no Set-Cookie: the console's cookie is its own). */
const RETURNED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-disposition',
  'cache-control',
  'etag',
  'last-modified',
  'retry-after',
  'link',
] as const;

export function returnedResponseHeaders(
  incoming: Record<string, string | string[] | undefined>,
  service: GatewayService,
  upstream: URL,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const value = incoming[name];
    if (typeof value === 'string') headers[name] = value;
  }
  // An answer about someone's dispute is never kept by a browser or proxy cache unless the service says otherwise.
  headers['cache-control'] ??= 'no-store';
  const location = incoming.location;
  if (typeof location === 'string') headers.location = gatewayLocation(location, service, upstream);
  return headers;
}

/** A service's `Location` (`/v1/commands/...`, or absolute on its own origin) as the browser reaches it: `/api/<service>/...`. */
export function gatewayLocation(location: string, service: GatewayService, upstream: URL): string {
  if (location.startsWith('/') && !location.startsWith('//')) return `/api/${service}${location}`;
  try {
    const url = new URL(location);
    if (url.origin === upstream.origin) return `/api/${service}${url.pathname}${url.search}`;
  } catch {
    // not a URL: passed as it is
  }
  return location;
}
