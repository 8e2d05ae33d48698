import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret, Standard Webhooks style: `whsec_` and 32 random bytes in base64. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The Standard Webhooks headers of one attempt. With several secrets (a rotation's overlap), one `v1,<sig>` per
 * secret, space-separated, so a receiver holding either secret verifies it.
 */
export function signedHeaders(secrets: string[], webhookId: string, at: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('an endpoint needs at least one secret to sign with');
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(webhookId, at, body)).join(' '),
  };
}
