import { isIPv6 } from 'node:net';
import { required } from '@settle/contracts';

/** An IP address as its bytes: 4 for IPv4, 16 for IPv6. */
export type IpAddress = { family: 4; bytes: number[] } | { family: 6; bytes: number[] };

/**
 * Parses every textual form a host may take for an IP address, as a resolver or a URL parser would read it:
 * - IPv4 in the inet_aton forms: `127.0.0.1`, `127.1`, `2130706433`, `0x7f000001`, `0x7f.0.0.1`, `0177.0.0.1`,
 *   `017700000001` (a part with a leading `0` is octal, `0x` hexadecimal; the last part fills the remaining bytes),
 *   with one trailing dot allowed;
 * - IPv6 with or without brackets, compressed or not, with a dotted IPv4 tail (`::ffff:127.0.0.1`) and a zone
 *   (`fe80::1%eth0`, the zone ignored).
 * Anything else (a host name) is undefined.
 */
export function parseIp(text: string): IpAddress | undefined {
  let candidate = text.trim();
  if (candidate.startsWith('[') && candidate.endsWith(']')) candidate = candidate.slice(1, -1);
  if (candidate.includes(':')) return parseIpv6(candidate);
  return parseIpv4(candidate);
}

function parseIpv4(text: string): IpAddress | undefined {
  const parts = (text.endsWith('.') ? text.slice(0, -1) : text).split('.');
  if (parts.length === 0 || parts.length > 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part.slice(1), 8);
    else if (/^(?:0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return undefined;
    if (!Number.isSafeInteger(value)) return undefined;
    numbers.push(value);
  }
  const last = numbers.pop()!;
  if (numbers.some((value) => value > 255)) return undefined;
  const lastBytes = 4 - numbers.length;
  if (last >= 256 ** lastBytes) return undefined;
  const bytes = [...numbers];
  for (let index = lastBytes - 1; index >= 0; index -= 1) bytes.push(Math.floor(last / 256 ** index) % 256);
  return { family: 4, bytes };
}

function parseIpv6(text: string): IpAddress | undefined {
  const [address = ''] = text.split('%');
  if (!isIPv6(address)) return undefined;
  let groups: number[] = [];
  const toGroups = (part: string): number[] => {
    if (part === '') return [];
    const words: number[] = [];
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (!v4 || piece.split('.').length !== 4) return [NaN];
        words.push(byteAt(v4, 0) * 256 + byteAt(v4, 1), byteAt(v4, 2) * 256 + byteAt(v4, 3));
      } else words.push(parseInt(piece, 16));
    }
    return words;
  };
  const [head = '', tail] = address.split('::');
  if (tail === undefined) groups = toGroups(head);
  else {
    const before = toGroups(head);
    const after = toGroups(tail);
    groups = [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
  }
  if (groups.length !== 8 || groups.some((group) => !Number.isInteger(group) || group < 0 || group > 0xffff)) {
    return undefined;
  }
  return { family: 6, bytes: groups.flatMap((group) => [group >> 8, group & 255]) };
}

/** `a.b.c.d`, or the eight hexadecimal groups of an IPv6 address, uncompressed (what BlockList reads). */
export function formatIp(address: IpAddress): string {
  if (address.family === 4) return address.bytes.join('.');
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2) {
    groups.push(((byteAt(address, index) << 8) | byteAt(address, index + 1)).toString(16));
  }
  return groups.join(':');
}

/** Byte `index` of an address (4 bytes for IPv4, 16 for IPv6: callers index below that). */
function byteAt(address: IpAddress, index: number): number {
  return required(address.bytes[index], `byte ${index} of an IPv${address.family} address`);
}

function startsWith(bytes: number[], prefix: number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value);
}

const ZEROS_80 = new Array<number>(10).fill(0);

/**
 * The IPv4 address an IPv6 address carries and would reach: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
 * (`::a.b.c.d`), IPv4-translated (`::ffff:0:a.b.c.d`), NAT64 well-known prefix (`64:ff9b::a.b.c.d`) and 6to4
 * (`2002:aabb:ccdd::`). Undefined for other addresses (and for `::` and `::1`, which are IPv6's own).
 */
export function embeddedIpv4(address: IpAddress): IpAddress | undefined {
  if (address.family !== 6) return undefined;
  const bytes = address.bytes;
  const last4 = (from: number): IpAddress => ({ family: 4, bytes: bytes.slice(from, from + 4) });
  if (startsWith(bytes, [...ZEROS_80, 0xff, 0xff])) return last4(12);
  if (startsWith(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0])) return last4(12);
  if (startsWith(bytes, [...ZEROS_80, 0, 0])) {
    const v4 = last4(12);
    // `::` and `::1` are not IPv4-compatible addresses; every other ::/96 address is treated as one.
    return v4.bytes.slice(0, 3).every((value) => value === 0) && byteAt(v4, 3) <= 1 ? undefined : v4;
  }
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) return last4(12);
  if (startsWith(bytes, [0x20, 0x02])) return last4(2);
  return undefined;
}
