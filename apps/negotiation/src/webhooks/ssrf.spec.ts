import { checkWebhookUrl, isForbiddenAddress, systemResolver, UrlAllowlist, type Resolver } from './ssrf';

const none = new UrlAllowlist('');
const resolving =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    if (!table[host]) throw new Error('ENOTFOUND');
    return table[host];
  };
const dns = resolving({
  'hooks.seller.example': ['93.184.216.34'],
  'internal.example': ['10.1.2.3'],
  'metadata.example': ['169.254.169.254'],
  'v6-loopback.example': ['::1'],
  'mixed.example': ['93.184.216.34', '127.0.0.1'],
});

describe('webhook URL SSRF guard', () => {
  it.each([
    'http://127.0.0.1',
    'http://10.0.0.1',
    'http://169.254.169.254',
    'http://[::1]',
    'http://192.168.1.10:8080/x',
    'http://0.0.0.0',
    'http://[::ffff:127.0.0.1]',
    'http://[fe80::1]',
    'http://2130706433',
  ])('refuses %s without the allowlist', async (url) => {
    const check = await checkWebhookUrl(url, none, dns);
    expect(check.ok).toBe(false);
  });

  it.each(['http://internal.example', 'http://metadata.example', 'http://v6-loopback.example', 'http://mixed.example'])(
    'refuses a hostname resolving to a private address: %s',
    async (url) => {
      expect(await checkWebhookUrl(url, none, dns)).toEqual({
        ok: false,
        reason: expect.stringMatching(/resolves to/),
      });
    },
  );

  it('refuses localhost as the system resolver answers it', async () => {
    expect((await checkWebhookUrl('http://localhost:9999/hooks', none, systemResolver)).ok).toBe(false);
  });

  it('accepts a public address, and a private one only when the allowlist names it', async () => {
    expect((await checkWebhookUrl('https://hooks.seller.example/settle', none, dns)).ok).toBe(true);
    const allow = new UrlAllowlist('127.0.0.1,10.0.0.0/8,internal-host');
    expect((await checkWebhookUrl('http://127.0.0.1:4000/hooks', allow, dns)).ok).toBe(true);
    expect((await checkWebhookUrl('http://internal.example', allow, dns)).ok).toBe(true);
    expect((await checkWebhookUrl('http://internal-host:81', allow, dns)).ok).toBe(true);
    expect((await checkWebhookUrl('http://169.254.169.254', allow, dns)).ok).toBe(false);
  });

  it('refuses other schemes, credentials and unresolvable hosts', async () => {
    expect((await checkWebhookUrl('ftp://hooks.seller.example', none, dns)).ok).toBe(false);
    expect((await checkWebhookUrl('https://user:pw@hooks.seller.example', none, dns)).ok).toBe(false);
    expect((await checkWebhookUrl('https://nowhere.example', none, dns)).ok).toBe(false);
    expect((await checkWebhookUrl('not a url', none, dns)).ok).toBe(false);
  });

  it('classifies addresses', () => {
    expect(isForbiddenAddress('100.64.0.1')).toBe(true);
    expect(isForbiddenAddress('fd00::1')).toBe(true);
    expect(isForbiddenAddress('8.8.8.8')).toBe(false);
    expect(isForbiddenAddress('2001:4860:4860::8888')).toBe(false);
  });
});
