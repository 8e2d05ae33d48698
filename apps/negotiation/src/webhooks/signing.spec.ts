import { Webhook } from 'standardwebhooks';
import { generateSecret, signedHeaders } from './signing';

describe('webhook signing (Standard Webhooks)', () => {
  const body = JSON.stringify({ id: 'evt-1', type: 'dispute.opened' });

  it('signs so that the standardwebhooks package verifies', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const headers = signedHeaders([secret], 'msg-1', new Date(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('during a rotation sends both signatures, and either secret verifies', () => {
    const [oldSecret, newSecret] = [generateSecret(), generateSecret()];
    const headers = signedHeaders([newSecret, oldSecret], 'msg-2', new Date(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(newSecret).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, { ...headers })).toThrow();
  });
});
