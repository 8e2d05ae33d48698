import { BlockList } from 'node:net';
import { embeddedIpv4, formatIp, parseIp, type IpAddress } from './ip-address';

/** Why an address is not public; the refusal names it. */
export type AddressCategory =
  | 'cloud metadata'
  | 'loopback'
  | 'unspecified'
  | 'private'
  | 'shared (CGNAT)'
  | 'link-local'
  | 'unique local'
  | 'site-local'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'documentation'
  | 'Teredo'
  | 'not an IP address';

export type AddressDecision =
  { allowed: true; address: string } | { allowed: false; address: string; category: AddressCategory };

type Range = readonly [network: string, prefix: number, category: AddressCategory];

/** Special-purpose IPv4 ranges (IANA registry) that are not globally reachable; checked in this order. */
const IPV4_RANGES: Range[] = [
  ['169.254.169.254', 32, 'cloud metadata'],
  ['127.0.0.0', 8, 'loopback'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['100.64.0.0', 10, 'shared (CGNAT)'],
  ['169.254.0.0', 16, 'link-local'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

/**
 * IPv6 outside global unicast (2000::/3) is never public; inside it, these are not either. Addresses that carry an
 * IPv4 address (mapped, compatible, NAT64, 6to4) are decided by that address before these are read.
 */
const IPV6_RANGES: Range[] = [
  ['fd00:ec2::254', 128, 'cloud metadata'],
  ['::1', 128, 'loopback'],
  ['::', 128, 'unspecified'],
  ['fc00::', 7, 'unique local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
  ['64:ff9b:1::', 48, 'reserved'],
  ['2001::', 32, 'Teredo'],
  ['2001::', 23, 'reserved'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
];

const GLOBAL_UNICAST_V6 = new BlockList();
GLOBAL_UNICAST_V6.addSubnet('2000::', 3, 'ipv6');

const compiled = (ranges: Range[], family: 'ipv4' | 'ipv6') =>
  ranges.map(([network, prefix, category]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { list, category };
  });
const V4 = compiled(IPV4_RANGES, 'ipv4');
const V6 = compiled(IPV6_RANGES, 'ipv6');

/** The category of a non-public address, undefined for a public one. */
export function categoryOf(address: IpAddress): AddressCategory | undefined {
  const carried = embeddedIpv4(address);
  if (carried) return categoryOf(carried);
  const text = formatIp(address);
  if (address.family === 4) return V4.find((range) => range.list.check(text, 'ipv4'))?.category;
  const special = V6.find((range) => range.list.check(text, 'ipv6'))?.category;
  if (special) return special;
  return GLOBAL_UNICAST_V6.check(text, 'ipv6') ? undefined : 'reserved';
}

/**
 * Hosts (exact names), addresses and CIDR ranges let through although not public: `127.0.0.1,10.0.0.0/8,
 * [::1],hooks.internal`. An IPv6 entry that carries an IPv4 address also allows that IPv4 address, and the
 * reverse, so `127.0.0.1` allows `::ffff:127.0.0.1`.
 */
export class Allowlist {
  private readonly hosts = new Set<string>();
  private readonly ranges = new BlockList();
  readonly entries: string[];

  constructor(entries: string | string[] = []) {
    this.entries = (typeof entries === 'string' ? entries.split(',') : entries)
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean);
    for (const entry of this.entries) {
      const [address = '', prefix, extra] = entry.split('/');
      const parsed = parseIp(address);
      if (!parsed) {
        if (prefix !== undefined || !/^[a-z0-9.-]+$/.test(entry))
          throw new Error(`allowlist entry ${entry} is not valid`);
        this.hosts.add(entry.replace(/\.$/, ''));
        continue;
      }
      const bits = prefix === undefined ? (parsed.family === 4 ? 32 : 128) : Number(prefix);
      const max = parsed.family === 4 ? 32 : 128;
      if (extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > max) {
        throw new Error(`allowlist entry ${entry} is not a valid CIDR range`);
      }
      this.ranges.addSubnet(formatIp(parsed), bits, parsed.family === 4 ? 'ipv4' : 'ipv6');
    }
  }

  allowsHost(host: string): boolean {
    return this.hosts.has(
      host
        .toLowerCase()
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, ''),
    );
  }

  allowsAddress(address: IpAddress): boolean {
    if (this.ranges.check(formatIp(address), address.family === 4 ? 'ipv4' : 'ipv6')) return true;
    const carried = embeddedIpv4(address);
    return carried !== undefined && this.ranges.check(formatIp(carried), 'ipv4');
  }
}

/**
 * The one address policy for every outbound connection Settle makes on a URL someone else gave (seller webhooks,
 * listing images, evidence): only public unicast addresses, unless the allowlist names the host, address or range.
 */
export class AddressPolicy {
  constructor(
    readonly allowlist: Allowlist = new Allowlist(),
    /** Everything allowed: tests and demos that serve from loopback. */
    readonly allowAll = false,
  ) {}

  static permissive(): AddressPolicy {
    return new AddressPolicy(new Allowlist(), true);
  }

  /** Decides on one address in any textual form (see parseIp); a host name is refused as not an address. */
  decide(text: string): AddressDecision {
    const address = parseIp(text);
    if (!address) return { allowed: false, address: text, category: 'not an IP address' };
    const shown = address.family === 4 ? formatIp(address) : text.replace(/^\[|\]$/g, '');
    if (this.allowAll || this.allowlist.allowsAddress(address)) return { allowed: true, address: shown };
    const category = categoryOf(address);
    return category ? { allowed: false, address: shown, category } : { allowed: true, address: shown };
  }

  allowsHost(host: string): boolean {
    return this.allowAll || this.allowlist.allowsHost(host);
  }
}
