import type { NextFunction, Request, Response } from 'express';

/**
 * Everything the console serves runs only its own scripts and styles, connects only to its own origin, cannot be
 * framed, and is never sniffed into another type; no page sends a referrer. Set first, on every response (the app,
 * the API, errors). Images may also come from any https origin: a case shows the listing's images where the
 * marketplace hosts them (an image runs no code, and `no-referrer` keeps the console's URLs from their hosts).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  next();
}
