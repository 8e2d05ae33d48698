import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AddressPolicy, Allowlist } from '@settle/platform';
import { SSRF_FORMS } from '@settle/platform/net/ssrf-forms';
import { eventually } from '@settle/testing';
import { probeImage, type ImageProbeOptions } from './image-probe';
import { encodeJpeg, encodePng, encodeWebp } from './test-images';

/** A local image server: real PNG, JPEG and WebP bytes, plus the responses a probe must survive. */
describe('probeImage against a local image server', () => {
  let server: Server;
  let base: string;
  let mapped: string;
  let port: number;
  const written = new Map<string, { bytes: number; closed: boolean }>();
  const hits: string[] = [];
  const options: Partial<ImageProbeOptions> = {
    policy: AddressPolicy.permissive(),
    connectTimeoutMs: 1_000,
    totalTimeoutMs: 1_500,
    maxBytes: 128 * 1024,
  };

  /** Streams `head` then filler for ever (as fast as the client reads), recording how much went out. */
  function endless(name: string, response: ServerResponse, head: Buffer, contentType: string): void {
    const record = { bytes: 0, closed: false };
    written.set(name, record);
    response.writeHead(200, { 'content-type': contentType });
    const filler = Buffer.alloc(64 * 1024, 0x41);
    // A JPEG APP1 segment of 65,535 bytes repeated: the parser keeps skipping and never reaches a frame header.
    const segment = Buffer.concat([Buffer.from([0xff, 0xe1, 0xff, 0xff]), Buffer.alloc(65_533, 0x20)]);
    const next = contentType === 'image/jpeg' ? segment : filler;
    let first = true;
    const pump = () => {
      while (!record.closed) {
        const chunk = first ? head : next;
        first = false;
        record.bytes += chunk.length;
        if (record.bytes > 200 * 1024 * 1024) return response.end();
        if (!response.write(chunk)) return response.once('drain', pump);
      }
    };
    response.on('close', () => {
      record.closed = true;
    });
    pump();
  }

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
    '/main.png': (_, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(encodePng(1200, 1000)),
    '/photo.jpg': (_, response) =>
      response.writeHead(200, { 'content-type': 'image/jpeg' }).end(encodeJpeg(640, 480, 70_000)),
    '/side.webp': (_, response) => response.writeHead(200, { 'content-type': 'image/webp' }).end(encodeWebp(1000, 800)),
    '/tiny.png': (_, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(encodePng(120, 90)),
    '/old-main.png': (_, response) => response.writeHead(301, { location: '/main.png' }).end(),
    '/to-mapped.png': (_, response) => response.writeHead(302, { location: `${mapped}/main.png` }).end(),
    '/missing.jpg': (_, response) => response.writeHead(404).end('not found'),
    '/page.jpg': (_, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Sorry, this image moved.</p>'),
    '/error.jpg': (_, response) => response.writeHead(503).end(),
    '/slow.jpg': (_, response) => {
      // Headers and the first bytes of a JPEG, then nothing: a probe must give up, not wait for ever.
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    },
    '/huge-header-first.png': (_, response) =>
      endless('/huge-header-first.png', response, encodePng(2000, 2000).subarray(0, 33), 'image/png'),
    '/huge-no-header.jpg': (_, response) =>
      endless('/huge-no-header.jpg', response, Buffer.from([0xff, 0xd8]), 'image/jpeg'),
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      const route = routes[request.url ?? ''];
      if (route) route(request, response);
      else response.writeHead(404).end();
    });
    // Both stacks, so that every spelling of loopback (IPv4, IPv6, mapped) would reach it.
    await new Promise<void>((resolve) => server.listen(0, '::', resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    mapped = `http://[::ffff:7f00:1]:${port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each([
    ['/main.png', 'png', 1200, 1000],
    ['/photo.jpg', 'jpeg', 640, 480],
    ['/side.webp', 'webp', 1000, 800],
    ['/tiny.png', 'png', 120, 90],
    ['/old-main.png', 'png', 1200, 1000],
  ])('reads the dimensions of %s from its bytes', async (path, format, width, height) => {
    const result = await probeImage(`${base}${path}`, options);
    expect(result).toMatchObject({ url: `${base}${path}`, outcome: 'OK', format, width, height });
  });

  it('reads only the first bytes of a large image', async () => {
    const result = await probeImage(`${base}/photo.jpg`, options);
    // The frame header sits after ~70 KB of metadata; the scan data after it is never needed.
    expect(result.bytesRead).toBeLessThan(encodeJpeg(640, 480, 70_000).length + 1);
    const png = await probeImage(`${base}/main.png`, options);
    expect(png.bytesRead).toBeLessThan(encodePng(1200, 1000).length + 1);
  });

  it('reports a 404 and an HTML page as broken, a 503 as unreachable', async () => {
    expect(await probeImage(`${base}/missing.jpg`, options)).toMatchObject({ outcome: 'BROKEN', reason: 'HTTP 404' });
    expect(await probeImage(`${base}/page.jpg`, options)).toMatchObject({ outcome: 'BROKEN' });
    expect(await probeImage(`${base}/error.jpg`, options)).toMatchObject({
      outcome: 'UNREACHABLE',
      reason: 'HTTP 503',
    });
  });

  it('gives up on a slow response at the total timeout instead of hanging', async () => {
    const started = Date.now();
    const result = await probeImage(`${base}/slow.jpg`, options);
    expect(result).toMatchObject({ outcome: 'UNREACHABLE', reason: 'timed out after 1500 ms' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops reading a huge response once the header is known, and closes the connection', async () => {
    const result = await probeImage(`${base}/huge-header-first.png`, options);
    expect(result).toMatchObject({ outcome: 'OK', format: 'png', width: 2000, height: 2000 });
    expect(result.bytesRead).toBeLessThanOrEqual(128 * 1024);
    await eventually(() => written.get('/huge-header-first.png')?.closed, {
      what: 'the server to see the probe hang up',
    });
    // The server stopped writing long before the 200 MB it would send to a client that keeps reading.
    expect(written.get('/huge-header-first.png')!.bytes).toBeLessThan(20 * 1024 * 1024);
  });

  it('caps the bytes read from a huge response with no header, and calls it broken', async () => {
    const before = process.memoryUsage().rss;
    const result = await probeImage(`${base}/huge-no-header.jpg`, options);
    expect(result).toMatchObject({ outcome: 'BROKEN', reason: `no image header within the first ${128 * 1024} bytes` });
    expect(result.bytesRead).toBe(128 * 1024);
    await eventually(() => written.get('/huge-no-header.jpg')?.closed, { what: 'the server to see the probe hang up' });
    expect(written.get('/huge-no-header.jpg')!.bytes).toBeLessThan(20 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('reports a refused connection as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await probeImage(`http://127.0.0.1:${port}/x.png`, options)).toMatchObject({ outcome: 'UNREACHABLE' });
  });

  it.each(SSRF_FORMS)("never connects to %s (on the local server's port) with the default policy", async (form) => {
    const url = new URL(form);
    const target = `${url.protocol}//${url.host}:${port}/main.png`;
    hits.length = 0;
    const result = await probeImage(target, { ...options, policy: new AddressPolicy() });
    expect(result).toMatchObject({
      outcome: 'BROKEN',
      reason: expect.stringMatching(/address .*only public addresses/),
    });
    expect(hits).toEqual([]);
  });

  it('decides every redirect hop again: an allowed host redirecting to a mapped loopback address is refused', async () => {
    hits.length = 0;
    const policy = new AddressPolicy(new Allowlist('localhost'));
    const result = await probeImage(`http://localhost:${port}/to-mapped.png`, { ...options, policy });
    expect(hits).toEqual(['/to-mapped.png']);
    expect(result).toMatchObject({
      outcome: 'BROKEN',
      reason: 'the image host is at a loopback address (::ffff:7f00:1), and only public addresses are allowed',
    });
  });

  it('lets an allowlisted address through in any of its spellings', async () => {
    const policy = new AddressPolicy(new Allowlist('127.0.0.1'));
    expect(await probeImage(`${mapped}/main.png`, { ...options, policy })).toMatchObject({ outcome: 'OK' });
  });

  it('tells the seller in plain words that the image host does not exist', async () => {
    expect(await probeImage('http://images.invalid/main.png', { ...options, policy: new AddressPolicy() })).toEqual({
      url: 'http://images.invalid/main.png',
      outcome: 'UNREACHABLE',
      reason: 'the image host could not be found (images.invalid)',
      bytesRead: 0,
    });
  });
});
