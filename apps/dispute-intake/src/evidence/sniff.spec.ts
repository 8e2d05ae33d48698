import { sniff } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('sniff: the type of evidence from its first bytes only', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], '\0\x10JFIF\0'), 'image/jpeg'],
    ['PNG', bytes([0x89], 'PNG\r\n\x1a\n\0\0\0\rIHDR'), 'image/png'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'application/pdf'],
    ['MP4', bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0]), 'video/mp4'],
    ['MP4 (mp42)', bytes([0, 0, 0, 0x20], 'ftypmp42', [0, 0, 0, 0]), 'video/mp4'],
  ])('allows %s', (_name, head, contentType) => {
    expect(sniff(head)).toEqual({ allowed: true, contentType });
  });

  it.each([
    ['a Windows executable', bytes('MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0'), 'a Windows executable'],
    ['an ELF executable', bytes([0x7f], 'ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0'), 'an ELF executable'],
    ['a shell script', bytes('#!/bin/sh\nrm -rf /\n'), 'a script'],
    ['a ZIP archive', bytes('PK\x03\x04\x14\0\0\0\x08\0\0\0\0\0\0\0'), 'a ZIP archive'],
    ['an SVG (script-capable markup)', bytes('<svg xmlns="http://www.w3.org/2000/svg">'), 'markup (HTML, XML or SVG)'],
    ['a GIF', bytes('GIF89a\x01\0\x01\0\0\0\0\0\0\0'), 'a GIF image'],
    ['a HEIC photo', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]), 'an ISO media file of brand "heic"'],
    ['three bytes of nothing', bytes([1, 2, 3]), 'of no allowed type'],
    ['a RIFF that is not WebP (WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'of no allowed type'],
  ])('refuses %s, saying what it is', (_name, head, description) => {
    expect(sniff(head)).toEqual({ allowed: false, description });
  });

  it('never looks at a name or a declared type: a JPEG is a JPEG whatever it is called', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xdb]))).toEqual({ allowed: true, contentType: 'image/jpeg' });
  });
});
