import type { EvidenceContentType } from '@settle/contracts';

/**
 * What a file is, from its first bytes only (never its name or declared type). A sniffer of our own rather than
 * `file-type`: five formats are allowed, each with a fixed signature at offset 0 (MP4's `ftyp` box at 4), and
 * file-type is ESM-only with a streaming API built for hundreds of formats; the few bytes checked here are the whole
 * rule, and a name for the most common disguised files (executables, archives) makes the refusal say what it saw.
 */
export type Sniffed = { allowed: true; contentType: EvidenceContentType } | { allowed: false; description: string };

/** How many leading bytes `sniff` needs to decide (fewer only when the file is shorter). */
export const SNIFF_BYTES = 16;

const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'M4A ',
  'dash',
  'msnv',
  'mmp4',
  'f4v ',
]);

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.subarray(from, to)).toString('latin1');
}

export function sniff(head: Uint8Array): Sniffed {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { allowed: true, contentType: 'image/jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { allowed: true, contentType: 'image/png' };
  }
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP')
    return { allowed: true, contentType: 'image/webp' };
  if (ascii(head, 0, 5) === '%PDF-') return { allowed: true, contentType: 'application/pdf' };
  if (ascii(head, 4, 8) === 'ftyp' && MP4_BRANDS.has(ascii(head, 8, 12))) {
    return { allowed: true, contentType: 'video/mp4' };
  }
  return { allowed: false, description: describe(head) };
}

/** A name for a file that is not allowed, for the refusal's detail. */
function describe(head: Uint8Array): string {
  if (ascii(head, 0, 2) === 'MZ') return 'a Windows executable';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'an ELF executable';
  if (startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(head, [0xca, 0xfe, 0xba, 0xbe])) {
    return 'a Mach-O executable';
  }
  if (ascii(head, 0, 2) === '#!') return 'a script';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'a GIF image';
  if (ascii(head, 4, 8) === 'ftyp') return `an ISO media file of brand "${ascii(head, 8, 12).trim()}"`;
  if (/^\s*</.test(ascii(head, 0, head.length))) return 'markup (HTML, XML or SVG)';
  return 'of no allowed type';
}

export function isImage(contentType: EvidenceContentType): boolean {
  return contentType.startsWith('image/');
}
