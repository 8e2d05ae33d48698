import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { eventually } from '@settle/testing';

export interface ReceivedWebhook {
  id: string;
  /** The parsed event envelope. */
  event: { id: string; type: string; subject: string; data: Record<string, unknown>; [field: string]: unknown };
  receivedAt: number;
}

/**
 * A seller's endpoint: accepts a delivery only when the `standardwebhooks` package verifies it with the
 * secret the seller was shown, and records it. Unverifiable deliveries are answered 400 and counted.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  rejected = 0;
  private secret?: string;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          if (!this.secret) throw new Error('no secret yet');
          const event = new Webhook(this.secret).verify(body, request.headers as Record<string, string>);
          this.received.push({
            id: String(request.headers['webhook-id']),
            event: event as ReceivedWebhook['event'],
            receivedAt: Date.now(),
          });
          response.writeHead(204).end();
        } catch {
          this.rejected += 1;
          response.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  useSecret(secret: string): void {
    this.secret = secret;
  }

  types(subject?: string): string[] {
    return this.received.filter((hook) => !subject || hook.event.subject === subject).map((hook) => hook.event.type);
  }

  async waitFor(type: string, subject: string, timeoutMs = 30_000): Promise<ReceivedWebhook> {
    return eventually(() => this.received.find((hook) => hook.event.type === type && hook.event.subject === subject), {
      timeoutMs,
      what: `webhook ${type} for ${subject} (received: ${this.types(subject).join(', ') || 'none'})`,
    });
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
