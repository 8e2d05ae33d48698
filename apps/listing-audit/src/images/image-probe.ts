import { request as httpRequest, type Agent, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AddressPolicy, describeNetworkError, OutboundGuard, OutboundRefused } from '@settle/platform';
import type { ImageFacts } from '../rules/types';
import { readImageDimensions } from './image-dimensions';

export interface ImageProbeOptions {
  /** Until the TCP (and TLS) connection is up. */
  connectTimeoutMs: number;
  /** For the whole probe, redirects included: a server that trickles bytes cannot hold an audit. */
  totalTimeoutMs: number;
  /** Bytes read at most; no image header within them means the URL does not serve an image we can read. */
  maxBytes: number;
  maxRedirects: number;
  /**
   * Sellers give the URLs: every connection (each redirect hop too) goes only where the platform's outbound
   * address policy allows, decided on the address connected to. Tests serving from loopback pass a permissive one.
   */
  policy: AddressPolicy;
}

export const DEFAULT_IMAGE_PROBE_OPTIONS: ImageProbeOptions = {
  connectTimeoutMs: 2_000,
  totalTimeoutMs: 5_000,
  maxBytes: 256 * 1024,
  maxRedirects: 3,
  policy: new AddressPolicy(),
};

/** What a probe found, and how many bytes it read to find it. */
export type ImageProbeResult = ImageFacts & { bytesRead: number };

class ProbeFailure extends Error {
  constructor(
    readonly outcome: 'UNREACHABLE' | 'BROKEN',
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Reads an image's dimensions from its first bytes over HTTP(S): stops reading as soon as the header is known,
 * never holds more than `maxBytes`, and gives up after the timeouts. Never throws: every failure is a result
 * (UNREACHABLE when it may be transient, BROKEN when the URL answers with something that is not an image).
 */
export async function probeImage(url: string, options: Partial<ImageProbeOptions> = {}): Promise<ImageProbeResult> {
  const settings = { ...DEFAULT_IMAGE_PROBE_OPTIONS, ...options };
  const deadline = Date.now() + settings.totalTimeoutMs;
  let current = url;
  try {
    for (let redirects = 0; ; redirects += 1) {
      const outcome = await fetchHead(current, settings, deadline);
      if (outcome.kind === 'redirect') {
        if (redirects >= settings.maxRedirects)
          throw new ProbeFailure('BROKEN', `more than ${settings.maxRedirects} redirects`);
        current = new URL(outcome.location, current).toString();
        continue;
      }
      return { url, ...outcome.facts };
    }
  } catch (error) {
    if (error instanceof ProbeFailure) return { url, outcome: error.outcome, reason: error.message, bytesRead: 0 };
    return { url, outcome: 'UNREACHABLE', reason: describeNetworkError(error, url, 'the image host'), bytesRead: 0 };
  }
}

type WithoutUrl<T> = T extends unknown ? Omit<T, 'url'> : never;
type FetchOutcome = { kind: 'redirect'; location: string } | { kind: 'facts'; facts: WithoutUrl<ImageProbeResult> };

function fetchHead(url: string, settings: ImageProbeOptions, deadline: number): Promise<FetchOutcome> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new ProbeFailure('BROKEN', 'not a valid URL'));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new ProbeFailure('BROKEN', `unsupported protocol ${parsed.protocol}`));
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const guard = new OutboundGuard(settings.policy);
  const secure = parsed.protocol === 'https:';
  const agent: Agent = secure ? guard.httpsAgent() : guard.httpAgent();

  return new Promise<FetchOutcome>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      request.destroy();
      agent.destroy();
      action();
    };
    const fail = (outcome: 'UNREACHABLE' | 'BROKEN', reason: string) =>
      finish(() => reject(new ProbeFailure(outcome, reason)));

    const remaining = Math.max(1, deadline - Date.now());
    timers.push(setTimeout(() => fail('UNREACHABLE', `timed out after ${settings.totalTimeoutMs} ms`), remaining));
    timers.push(
      setTimeout(
        () => fail('UNREACHABLE', `could not connect within ${settings.connectTimeoutMs} ms`),
        Math.min(remaining, settings.connectTimeoutMs),
      ),
    );
    const connectTimer = timers[1];

    const send = secure ? httpsRequest : httpRequest;
    const request: ClientRequest = send(parsed, {
      method: 'GET',
      agent,
      headers: { accept: 'image/png,image/jpeg,image/webp,image/gif;q=0.8', 'user-agent': 'settle-listing-audit/1' },
    });
    request.on('socket', (socket) => {
      const connected = () => clearTimeout(connectTimer);
      socket.once(secure ? 'secureConnect' : 'connect', connected);
    });
    request.on('error', (error) =>
      fail(
        error instanceof OutboundRefused ? 'BROKEN' : 'UNREACHABLE',
        describeNetworkError(error, host, 'the image host'),
      ),
    );
    request.on('response', (response: IncomingMessage) => {
      clearTimeout(connectTimer);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        const location = response.headers.location;
        return finish(() => resolve({ kind: 'redirect', location }));
      }
      if (status >= 500 || status === 408 || status === 429) return fail('UNREACHABLE', `HTTP ${status}`);
      if (status < 200 || status >= 300) return fail('BROKEN', `HTTP ${status}`);
      const chunks: Buffer[] = [];
      let bytesRead = 0;
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = settings.maxBytes - bytesRead;
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        chunks.push(kept);
        bytesRead += kept.length;
        const reading = readImageDimensions(chunks.length === 1 ? kept : Buffer.concat(chunks));
        if (chunks.length > 1) chunks.splice(0, chunks.length, Buffer.concat(chunks));
        if (reading.kind === 'dimensions') {
          const { format, width, height } = reading;
          return finish(() => resolve({ kind: 'facts', facts: { outcome: 'OK', format, width, height, bytesRead } }));
        }
        if (reading.kind === 'not-an-image') {
          return finish(() =>
            resolve({ kind: 'facts', facts: { outcome: 'BROKEN', reason: reading.reason, bytesRead } }),
          );
        }
        if (bytesRead >= settings.maxBytes) {
          const reason = `no image header within the first ${settings.maxBytes} bytes`;
          return finish(() => resolve({ kind: 'facts', facts: { outcome: 'BROKEN', reason, bytesRead } }));
        }
      });
      response.on('end', () =>
        finish(() =>
          resolve({
            kind: 'facts',
            facts: { outcome: 'BROKEN', reason: 'the response ended before an image header', bytesRead },
          }),
        ),
      );
      response.on('error', (error) => fail('UNREACHABLE', describeNetworkError(error, host, 'the image host')));
    });
    request.end();
  });
}
