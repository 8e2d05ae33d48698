import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface WebFile {
  body: Buffer;
  gzip?: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

const HTML = 'text/html; charset=utf-8';
const TYPES: Record<string, string> = {
  '.html': HTML,
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg)/;

/** Shown until the web app is built: no script, no style, so the strict policy holds for it too. */
export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Settle console</title></head>
  <body>
    <main>
      <h1>Settle console</h1>
      <p>The web app is not built yet: <code>npm run build</code> builds it into dist/console-web; then reload.</p>
    </main>
  </body>
</html>
`;

function webFile(body: Buffer, type: string, cacheControl: string): WebFile {
  return {
    body,
    gzip: COMPRESSIBLE.test(type) && body.length > 1024 ? gzipSync(body, { level: 9 }) : undefined,
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    cacheControl,
  };
}

/**
 * The built web app, read once into memory (vite's output is a few hundred KB), each text file also gzipped.
 * Hashed assets (`/assets/name-hash.js`) are cached for a year; everything else revalidates (`no-cache` + ETag), so a
 * new build is seen at the next load. Only files found in the directory are served: no path is ever joined to it.
 */
export function loadWebFiles(directory: string): { files: Map<string, WebFile>; index: WebFile; built: boolean } {
  const files = new Map<string, WebFile>();
  const root = path.resolve(directory);
  const indexPath = path.join(root, 'index.html');
  if (!existsSync(indexPath)) {
    const index = webFile(Buffer.from(PLACEHOLDER_HTML), HTML, 'no-cache');
    return { files, index, built: false };
  }
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const urlPath = `/${path.relative(root, full).split(path.sep).join('/')}`;
        const type = TYPES[path.extname(entry.name).toLowerCase()] ?? 'application/octet-stream';
        const cacheControl = urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        files.set(urlPath, webFile(readFileSync(full), type, cacheControl));
      }
    }
  };
  walk(root);
  return { files, index: files.get('/index.html')!, built: true };
}

/** The index's modification time (or 0 when missing): a rebuild is picked up without a restart. */
export function indexStamp(directory: string): number {
  try {
    return statSync(path.join(directory, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}
