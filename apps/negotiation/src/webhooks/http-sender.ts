import http from 'node:http';
import https from 'node:https';
import type { OutboundGuard } from '@settle/platform';

/**
 * POSTs webhook bodies over keep-alive connections made by the outbound guard's agents: every connection goes
 * only to an address the platform's address policy allows, decided on the address connected to, so a name that
 * changed its DNS answer after registration (rebinding) reaches nothing internal.
 */
export class WebhookSender {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(guard: OutboundGuard) {
    this.httpAgent = guard.httpAgent({ keepAlive: true, maxSockets: 512 });
    this.httpsAgent = guard.httpsAgent({ keepAlive: true, maxSockets: 512 });
  }

  send(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, signal: AbortSignal) {
    return new Promise<{ statusCode: number }>((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const request = (secure ? https : http).request(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: secure ? this.httpsAgent : this.httpAgent,
        signal,
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
}
