import { required } from '@settle/contracts';
import { readdirSync, readFileSync } from 'node:fs';
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
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((match) => required(match[1], 'a script src')),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((match) =>
      required(match[1], 'a modulepreload href'),
    ),
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

/** The modules a chunk imports statically (`from"./x.js"`, `import"./x.js"`), as Vite writes them, named by file. */
function staticImports(webDir: string, file: string): string[] {
  const code = readFileSync(path.join(webDir, 'assets', file), 'utf8');
  return [...code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)].map((match) => match[1] ?? '');
}

/**
 * The JavaScript a seller's browser loads before the seller's first screen (the disputes list) shows, gzipped
 * (issue 17's Measure, target at most 250 KB): index.html's scripts, then the seller shell's and the disputes list's
 * lazy chunks with every chunk they import statically. The dispute page, the seller tools and the staff screens
 * load later and are not counted.
 */
export function sellerBundleSize(
  webDir = path.resolve(process.env.SETTLE_DIST_DIR ?? 'dist', 'console-web'),
): BundleSize {
  const initial = consoleBundleSize(webDir);
  const assets = readdirSync(path.join(webDir, 'assets'));
  const chunk = (prefix: string) => {
    const found = assets.filter((file) => file.startsWith(prefix) && file.endsWith('.js'));
    if (found.length !== 1)
      throw new Error(`expected one ${prefix}*.js chunk in ${webDir}/assets, found ${found.length}`);
    return found[0] ?? '';
  };
  const seen = new Set(initial.files.map((file) => file.file.replace(/^\/?assets\//, '')));
  const queue = [chunk('SellerShell-'), chunk('Disputes-')];
  const files = [...initial.files];
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const body = readFileSync(path.join(webDir, 'assets', file));
    files.push({ file: `/assets/${file}`, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length });
    queue.push(...staticImports(webDir, file));
  }
  return {
    files,
    initialJsBytes: files.reduce((sum, file) => sum + file.bytes, 0),
    initialJsGzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
    targetGzipBytes: INITIAL_JS_TARGET_GZIP_BYTES,
  };
}

if (require.main === module) {
  for (const [name, size] of [
    ['console', consoleBundleSize()],
    ['seller', sellerBundleSize()],
  ] as const) {
    console.log(JSON.stringify(size, null, 2));
    console.log(
      `${name} initial JS: ${(size.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped ` +
        `(${(size.initialJsBytes / 1024).toFixed(1)} KB raw; target ≤ ${size.targetGzipBytes / 1024} KB)`,
    );
  }
}
