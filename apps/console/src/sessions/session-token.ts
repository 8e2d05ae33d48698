import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A session is named by a 256-bit random token that only the browser holds (in an HttpOnly cookie). The server stores
 * the token's SHA-256 to find the row, and the API key sealed with AES-256-GCM under a key derived from the token by
 * HKDF: a copy of the sessions table (a backup, a read-only leak) opens no API key, and the token alone is no key
 * either. A key is unsealed only for a request that presents its token.
 */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function sealingKey(token: string): Buffer {
  return Buffer.from(hkdfSync('sha256', token, Buffer.alloc(0), 'settle console: sealed api key', 32));
}

export function sealApiKey(token: string, apiKey: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(token), iv);
  const sealed = Buffer.concat([cipher.update(apiKey, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

/** The API key, or null when the sealed bytes were not sealed under this token (or were altered). */
export function openApiKey(token: string, sealed: Buffer): string | null {
  if (sealed.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(token), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
