import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  /** The JavaScript index.html loads before the first screen renders: its module scripts and modulepreloads. */
  files: { file: string; bytes: number; gzipBytes: number }[];
  initialJsBytes: number;
  initialJsGzipBytes: number;
  /** Issue 14's target: at most 250 KB gzipped. */
  targetGzipBytes: number;
}

export const INITIAL_JS_TARGET_GZIP_BYTES = 250 * 1024;

/**
 * The initial JavaScript the console sends, gzipped (level 9, as the console's static server compresses): every
 * script and modulepreload that dist/console-web/index.html names. Lazy screens (Queue, Case, Service levels) load
 * after and are not counted.
 */
export function consoleBundleSize(
  webDir = path.resolve(process.env.SETTLE_DIST_DIR ?? 'dist', 'console-web'),
): BundleSize {
  const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const sources = [
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((match) => match[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((match) => match[1]),
  ];
  const files = [...new Set(sources)].map((source) => {
    const body = readFileSync(path.join(webDir, source.replace(/^\//, '')));
    return { file: source, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  return {
    files,
    initialJsBytes: files.reduce((sum, file) => sum + file.bytes, 0),
    initialJsGzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    targetGzipBytes: INITIAL_JS_TARGET_GZIP_BYTES,
  };
}

if (require.main === module) {
  const size = consoleBundleSize();
  console.log(JSON.stringify(size, null, 2));
  console.log(
    `console initial JS: ${(size.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped ` +
      `(${(size.initialJsBytes / 1024).toFixed(1)} KB raw; target ≤ ${size.targetGzipBytes / 1024} KB)`,
  );
}
