import { createServer, type Server } from 'node:http';
import { WebhookSender } from './http-sender';
import { UrlAllowlist } from './ssrf';

/** The SSRF rule holds at connection time too: a host name that resolves to loopback reaches nothing. */
describe('webhook sender', () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      hits += 1;
      response.statusCode = 204;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses to connect when the name resolves to a loopback address (DNS rebinding)', async () => {
    const sender = new WebhookSender(new UrlAllowlist(''));
    try {
      await expect(
        sender.send(new URL(`http://localhost:${port}/hook`), {}, '{}', 2_000, new AbortController().signal),
      ).rejects.toThrow(/SSRF guard/);
      expect(hits).toBe(0);
    } finally {
      sender.close();
    }
  });

  it('connects when the allowlist permits the address, and reports the status', async () => {
    const sender = new WebhookSender(new UrlAllowlist('127.0.0.1'));
    try {
      const result = await sender.send(
        new URL(`http://127.0.0.1:${port}/hook`),
        {},
        '{}',
        2_000,
        new AbortController().signal,
      );
      expect(result).toEqual({ statusCode: 204 });
      expect(hits).toBe(1);
    } finally {
      sender.close();
    }
  });
});
