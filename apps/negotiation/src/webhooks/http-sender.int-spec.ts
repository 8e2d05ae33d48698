import { createServer, type Server } from 'node:http';
import { AddressPolicy, Allowlist, OutboundGuard } from '@settle/platform';
import { WebhookSender } from './http-sender';

/** The address policy holds at connection time too: a host name or an address form that reaches loopback does not. */
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
    await new Promise<void>((resolve) => server.listen(0, '::', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (sender: WebhookSender, url: string) =>
    sender.send(new URL(url), {}, '{}', 2_000, new AbortController().signal);

  it('refuses to connect when the name resolves to a loopback address (DNS rebinding) or the host is one', async () => {
    const sender = new WebhookSender(new OutboundGuard(new AddressPolicy()));
    hits = 0;
    try {
      await expect(send(sender, `http://localhost:${port}/hook`)).rejects.toThrow(/loopback address/);
      await expect(send(sender, `http://[::ffff:127.0.0.1]:${port}/hook`)).rejects.toThrow(/loopback address/);
      await expect(send(sender, `http://[::ffff:7f00:1]:${port}/hook`)).rejects.toThrow(/loopback address/);
      expect(hits).toBe(0);
    } finally {
      sender.close();
    }
  });

  it('connects when the allowlist permits the address, and reports the status', async () => {
    const sender = new WebhookSender(new OutboundGuard(new AddressPolicy(new Allowlist('127.0.0.1'))));
    hits = 0;
    try {
      expect(await send(sender, `http://127.0.0.1:${port}/hook`)).toEqual({ statusCode: 204 });
      expect(hits).toBe(1);
    } finally {
      sender.close();
    }
  });
});
