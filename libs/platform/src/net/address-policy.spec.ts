import { AddressPolicy, Allowlist, categoryOf } from './address-policy';
import { embeddedIpv4, formatIp, parseIp } from './ip-address';
import { OutboundGuard, describeNetworkError, type Resolver } from './outbound-guard';
import { SSRF_FORMS } from './ssrf-forms';

const table: Record<string, string[]> = {
  localhost: ['127.0.0.1', '::1'],
  'hooks.seller.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'internal.example': ['10.1.2.3'],
  'mixed.example': ['93.184.216.34', '127.0.0.1'],
};
const resolver: Resolver = async (host) => {
  if (!table[host]) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return table[host];
};
const guard = new OutboundGuard(new AddressPolicy(), resolver);

describe('the outbound address policy', () => {
  it('lists 39 forms', () => {
    expect(new Set(SSRF_FORMS).size).toBe(39);
  });

  it.each(SSRF_FORMS)('refuses %s', async (form) => {
    const check = await guard.checkUrl(form);
    expect(check).toMatchObject({ ok: false, refusal: 'not-public' });
  });

  it.each(SSRF_FORMS.filter((form) => !form.includes('localhost') && !form.includes('１')))(
    'refuses the host of %s as written, before any URL parser normalises it',
    (form) => {
      const host = form.slice('http://'.length, -1);
      expect(new AddressPolicy().decide(host).allowed).toBe(false);
    },
  );

  it.each([
    ['127.1', '127.0.0.1'],
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['10.1', '10.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['0', '0.0.0.0'],
  ])('reads the IPv4 form %s as %s', (text, expected) => {
    expect(formatIp(parseIp(text)!)).toBe(expected);
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::ffff:7f00:1', '127.0.0.1'],
    ['[::ffff:a00:1]', '10.0.0.1'],
    ['::ffff:0:7f00:1', '127.0.0.1'],
    ['::7f00:1', '127.0.0.1'],
    ['64:ff9b::8.8.8.8', '8.8.8.8'],
    ['2002:0808:0808::1', '8.8.8.8'],
  ])('reads the IPv4 address %s carries as %s', (text, expected) => {
    expect(formatIp(embeddedIpv4(parseIp(text)!)!)).toBe(expected);
  });

  it('does not read host names, malformed addresses or out-of-range parts as addresses', () => {
    for (const text of ['example.com', '1.2.3.4.5', '256.1.1.1', '4294967296', '08.1.1.1', '::g', '1:2:3']) {
      expect(parseIp(text)).toBeUndefined();
    }
  });

  it('names the category of each kind of address, and allows public ones (NAT64 and 6to4 of a public one too)', () => {
    const of = (text: string) => categoryOf(parseIp(text)!);
    expect(of('169.254.169.254')).toBe('cloud metadata');
    expect(of('::ffff:169.254.169.254')).toBe('cloud metadata');
    expect(of('100.64.0.1')).toBe('shared (CGNAT)');
    expect(of('fd00::1')).toBe('unique local');
    expect(of('2001:0:4136:e378::1')).toBe('Teredo');
    expect(of('2001:db8::1')).toBe('documentation');
    expect(of('64:ff9b:1::1')).toBe('reserved');
    expect(of('8.8.8.8')).toBeUndefined();
    expect(of('2001:4860:4860::8888')).toBeUndefined();
    expect(of('64:ff9b::8.8.8.8')).toBeUndefined();
    expect(of('2002:0808:0808::1')).toBeUndefined();
  });

  it('lets the allowlist through by host, address or range, in any form of the same address', () => {
    const policy = new AddressPolicy(new Allowlist('127.0.0.1,10.0.0.0/8,[fd00::]/8,internal-host'));
    expect(policy.decide('127.0.0.1').allowed).toBe(true);
    expect(policy.decide('::ffff:7f00:1').allowed).toBe(true);
    expect(policy.decide('10.200.1.1').allowed).toBe(true);
    expect(policy.decide('fd12::1').allowed).toBe(true);
    expect(policy.decide('127.0.0.2').allowed).toBe(false);
    expect(policy.decide('169.254.169.254').allowed).toBe(false);
    expect(policy.allowsHost('Internal-Host')).toBe(true);
    expect(() => new Allowlist('10.0.0.0/33')).toThrow(/not a valid CIDR/);
    expect(() => new Allowlist('bad host!')).toThrow(/not valid/);
  });

  it('says why a URL is refused: not a URL, scheme, credentials, no DNS address, or a non-public address', async () => {
    expect(await guard.checkUrl('https://hooks.seller.example/settle')).toMatchObject({ ok: true });
    expect(await guard.checkUrl('not a url')).toMatchObject({ ok: false, refusal: 'invalid' });
    expect(await guard.checkUrl('ftp://hooks.seller.example')).toMatchObject({ ok: false, refusal: 'scheme' });
    expect(await guard.checkUrl('https://u:p@hooks.seller.example')).toMatchObject({ refusal: 'credentials' });
    expect(await guard.checkUrl('https://seller.example/hooks')).toEqual({
      ok: false,
      refusal: 'unresolvable',
      reason: 'host seller.example does not resolve (no DNS address)',
    });
    expect(await guard.checkUrl('https://mixed.example/')).toEqual({
      ok: false,
      refusal: 'not-public',
      reason: 'host mixed.example resolves to 127.0.0.1, a loopback address; only public addresses are allowed',
    });
    expect(await guard.checkUrl('http://[::ffff:7f00:1]:8080/')).toMatchObject({
      reason: 'host ::ffff:7f00:1 is a loopback address; only public addresses are allowed',
    });
  });

  it('describes network failures in plain words', () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND images.example'), { code: 'ENOTFOUND' });
    expect(describeNetworkError(notFound, 'images.example', 'the image host')).toBe(
      'the image host could not be found (images.example)',
    );
    expect(describeNetworkError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'a.example')).toBe(
      'the host refused the connection (a.example)',
    );
  });
});
