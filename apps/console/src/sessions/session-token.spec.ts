import { newSessionToken, openApiKey, sealApiKey, SESSION_TOKEN_PATTERN, sessionTokenHash } from './session-token';

describe('session tokens and sealed keys', () => {
  const apiKey = 'stl_staff_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

  it('makes 256-bit tokens the cookie parser accepts, never the same twice', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newSessionToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(SESSION_TOKEN_PATTERN);
  });

  it('names a row by the token’s SHA-256, not by the token', () => {
    const token = newSessionToken();
    expect(sessionTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionTokenHash(token)).not.toContain(token);
  });

  it('opens a sealed key only with the token it was sealed under, and never stores it in the clear', () => {
    const token = newSessionToken();
    const sealed = sealApiKey(token, apiKey);
    expect(sealed.includes(Buffer.from(apiKey))).toBe(false);
    expect(openApiKey(token, sealed)).toBe(apiKey);
    expect(openApiKey(newSessionToken(), sealed)).toBeNull();
    const altered = Buffer.from(sealed);
    altered.writeUInt8(altered.readUInt8(altered.length - 1) ^ 1, altered.length - 1);
    expect(openApiKey(token, altered)).toBeNull();
    expect(openApiKey(token, Buffer.alloc(10))).toBeNull();
  });
});
