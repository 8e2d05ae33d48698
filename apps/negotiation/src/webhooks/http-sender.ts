import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isForbiddenAddress, type UrlAllowlist } from './ssrf';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * POSTs webhook bodies over keep-alive connections. The SSRF rule is enforced again when a connection is made:
 * the host name is resolved here and a loopback/private/link-local answer refuses the connection (unless
 * allowlisted), so a name that changed its DNS answer after registration (rebinding) reaches nothing internal.
 */
export class WebhookSender {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 512 });

  constructor(private readonly allowlist: UrlAllowlist) {}

  send(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, signal: AbortSignal) {
    return new Promise<{ statusCode: number }>((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const request = (secure ? https : http).request(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: secure ? this.httpsAgent : this.httpAgent,
        signal,
        ...(isIP(host) === 0 && !this.allowlist.allowsHost(host) ? { lookup: this.guardedLookup } : {}),
      });
      const timer = setTimeout(() => request.destroy(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
      request.on('response', (response) => {
        clearTimeout(timer);
        response.resume();
        resolve({ statusCode: response.statusCode ?? 0 });
      });
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private readonly guardedLookup = (
    hostname: string,
    options: LookupOneOptions | LookupAllOptions,
    callback: LookupCallback,
  ): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find(
        (entry) => isForbiddenAddress(entry.address) && !this.allowlist.allowsAddress(entry.address),
      );
      if (refused) {
        return callback(
          Object.assign(new Error(`${hostname} resolves to ${refused.address}, a non-public address (SSRF guard)`), {
            code: 'EADDRNOTALLOWED',
          }),
          [],
        );
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
