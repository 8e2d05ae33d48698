import type { IncomingHttpHeaders } from 'node:http';
import { SESSION_TOKEN_PATTERN } from './session-token';

export const SESSION_COOKIE = 'settle_session';

/** The session token of a request's `Cookie` header, if it carries a well-formed one. */
export function sessionTokenOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const index = pair.indexOf('=');
    if (index < 0 || pair.slice(0, index).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(index + 1).trim();
    if (SESSION_TOKEN_PATTERN.test(value)) return value;
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path=/, Secure when the console was
 * reached over https. No Max-Age: the browser drops it when it closes; the server ends it after 12 h idle anyway.
 */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
