import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup as dnsLookupAll } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import { parseIp } from './ip-address';
import { AddressPolicy } from './address-policy';

/** A connection the policy refused; `code` as Node's own network errors carry one. */
export class OutboundRefused extends Error {
  readonly code = 'EADDRNOTALLOWED';

  constructor(
    readonly host: string,
    readonly address: string,
    readonly category: string,
  ) {
    super(
      host === address
        ? `${address} is a ${category} address, refused for outbound connections`
        : `${host} resolves to ${address}, a ${category} address, refused for outbound connections`,
    );
    this.name = 'OutboundRefused';
  }
}

/** Every address a host name resolves to (the system resolver, as a connection would use it). */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsLookupAll(host, { all: true, verbatim: true })).map((entry) => entry.address);

export type UrlRefusal = 'invalid' | 'scheme' | 'credentials' | 'unresolvable' | 'not-public';
export type UrlCheck = { ok: true; url: URL } | { ok: false; refusal: UrlRefusal; reason: string };

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

type ConnectionOptions = { host?: string | null; hostname?: string | null; lookup?: LookupFunction };
type ConnectionCallback = (error: Error | null, stream: Duplex) => void;

/**
 * Outbound HTTP(S) on URLs someone else gave, under one AddressPolicy. The decision is taken on the address each
 * connection is made to: the agents refuse an IP-literal host before connecting and resolve a host name through a
 * `lookup` hook that refuses any non-public answer, so a name whose DNS answer changes after a check (rebinding)
 * and every redirect hop (a new request through the same agents) are decided again. `checkUrl` answers the same
 * question ahead of time, with a reason a person can act on (registration of a URL).
 */
export class OutboundGuard {
  constructor(
    readonly policy: AddressPolicy = new AddressPolicy(),
    private readonly resolver: Resolver = systemResolver,
  ) {}

  /** A keep-alive-capable http.Agent whose every connection is decided by the policy. */
  httpAgent(options: http.AgentOptions = {}): http.Agent {
    return new GuardedHttpAgent(this, options);
  }

  /** The same for https. */
  httpsAgent(options: https.AgentOptions = {}): https.Agent {
    return new GuardedHttpsAgent(this, options);
  }

  /** dns.lookup that answers only addresses the policy allows (else an OutboundRefused error). */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    const done: LookupCallback = callback;
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return done(error, []);
      for (const entry of addresses) {
        const decision = this.policy.decide(entry.address);
        if (!decision.allowed) return done(new OutboundRefused(hostname, decision.address, decision.category), []);
      }
      if (options.all) return done(null, addresses);
      const [first] = addresses;
      if (!first) return done(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      return done(null, first.address, first.family);
    });
  };

  /**
   * Whether `raw` is an http(s) URL whose host is allowed on every address it resolves to now; the reason says
   * which rule refused it (not a URL, scheme, credentials, the host does not resolve, a non-public address).
   */
  async checkUrl(raw: string): Promise<UrlCheck> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, refusal: 'invalid', reason: 'is not a valid URL' };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { ok: false, refusal: 'scheme', reason: 'must be an http or https URL' };
    }
    if (url.username || url.password)
      return { ok: false, refusal: 'credentials', reason: 'must not carry credentials' };
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (this.policy.allowsHost(host)) return { ok: true, url };
    let addresses: string[];
    if (parseIp(host)) addresses = [host];
    else {
      try {
        addresses = await this.resolver(host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { ok: false, refusal: 'unresolvable', reason: unresolvable(host, code) };
      }
      if (addresses.length === 0) return { ok: false, refusal: 'unresolvable', reason: unresolvable(host) };
    }
    for (const address of addresses) {
      const decision = this.policy.decide(address);
      if (!decision.allowed) {
        const what = decision.address === host ? `is` : `resolves to ${decision.address},`;
        return {
          ok: false,
          refusal: 'not-public',
          reason: `host ${host} ${what} a ${decision.category} address; only public addresses are allowed`,
        };
      }
    }
    return { ok: true, url };
  }

  /** The refusal of a connection to an IP-literal host the policy does not allow (decided before connecting). */
  refusalOf(connection: ConnectionOptions): OutboundRefused | undefined {
    const host = (connection.host ?? connection.hostname ?? '').replace(/^\[|\]$/g, '');
    if (!parseIp(host)) return undefined;
    const decision = this.policy.decide(host);
    return decision.allowed ? undefined : new OutboundRefused(host, decision.address, decision.category);
  }

  /** Connection options that resolve a host name through the guarded lookup (unless the allowlist names it). */
  guarded<T extends ConnectionOptions>(connection: T): T {
    const host = (connection.host ?? connection.hostname ?? '').replace(/^\[|\]$/g, '');
    if (parseIp(host) || this.policy.allowsHost(host)) return connection;
    return { ...connection, lookup: this.lookup };
  }
}

/** Every connection of these agents is first put to the guard (see OutboundGuard). */
class GuardedHttpAgent extends http.Agent {
  constructor(
    private readonly guard: OutboundGuard,
    options: http.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(connection: http.ClientRequestArgs, callback?: ConnectionCallback) {
    const refused = this.guard.refusalOf(connection);
    if (refused) {
      callback?.(refused, undefined as unknown as Duplex);
      return undefined;
    }
    return super.createConnection(this.guard.guarded(connection), callback);
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(
    private readonly guard: OutboundGuard,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(connection: http.ClientRequestArgs, callback?: ConnectionCallback) {
    const refused = this.guard.refusalOf(connection);
    if (refused) {
      callback?.(refused, undefined as unknown as Duplex);
      return undefined;
    }
    return super.createConnection(this.guard.guarded(connection), callback);
  }
}

function unresolvable(host: string, code?: string): string {
  const why =
    code === 'ENOTFOUND' || code === 'ENODATA' || code === undefined
      ? 'does not resolve'
      : `could not be resolved (${code})`;
  return `host ${host} ${why} (no DNS address)`;
}

/**
 * A plain sentence for a failed outbound request, for people to read (never `getaddrinfo ENOTFOUND x`):
 * `the host could not be found (x)`, with `subject` naming what failed (`the image host`).
 */
export function describeNetworkError(error: unknown, host: string, subject = 'the host'): string {
  if (error instanceof OutboundRefused) {
    return `${subject} is at a ${error.category} address (${error.address}), and only public addresses are allowed`;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'ENODATA':
      return `${subject} could not be found (${host})`;
    case 'EAI_AGAIN':
      return `${subject}'s name could not be looked up just now (${host})`;
    case 'ECONNREFUSED':
      return `${subject} refused the connection (${host})`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${subject} closed the connection (${host})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${subject} cannot be reached from here (${host})`;
    case 'ETIMEDOUT':
      return `${subject} did not answer in time (${host})`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `${subject}'s HTTPS certificate is not valid (${host})`;
    default:
      return `the connection to ${host} failed${code ? ` (${code})` : ''}`;
  }
}
