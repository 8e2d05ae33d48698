import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeyStore, Clock, type Role } from '@settle/platform';
import { freePort } from '../../../../deploy/infra/kafka';
import { createConsoleApp } from '../console-app';

export interface ConsoleHarness {
  app: NestExpressApplication;
  baseUrl: string;
  origin: string;
  createKey(role: Role, sellerId?: string): Promise<string>;
  /** Moves the console's clock (sessions' idle expiry, the sign-in limit's window). */
  setNow(now: Date): void;
  /**
   * A call as the console's own page makes it: same origin, the console header on state-changing calls, the session
   * cookie when given. `headers` may override or remove (undefined) any of them.
   */
  call(
    method: string,
    path: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string | undefined> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** The session cookie `name=value` of a response's Set-Cookie. */
export function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const [cookie = ''] = header.split(';');
  return cookie;
}

/** The console in-process on a free port, with `env` on top of the test file's environment (isolatedEnvironment). */
export async function startConsole(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  const port = await freePort();
  const saved = { ...process.env };
  Object.assign(process.env, { PORT: String(port), ...env });
  let app: NestExpressApplication;
  try {
    app = await createConsoleApp();
  } finally {
    process.env = saved;
  }
  await app.listen(port, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  const clock = app.get(Clock);
  let now: Date | undefined;
  clock.now = () => now ?? new Date();
  return {
    app,
    baseUrl,
    origin: baseUrl,
    createKey: async (role, sellerId) => (await app.get(ApiKeyStore).create({ role, sellerId })).key,
    setNow: (instant) => {
      now = instant;
    },
    call: (method, path, options = {}) => {
      const stateChanging = !['GET', 'HEAD', 'OPTIONS'].includes(method);
      const headers: Record<string, string | undefined> = {
        ...(stateChanging ? { 'x-settle-console': '1', origin: baseUrl } : {}),
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      };
      return fetch(`${baseUrl}${path}`, {
        method,
        headers: Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<
          string,
          string
        >,
        body:
          options.body === undefined
            ? undefined
            : typeof options.body === 'string'
              ? options.body
              : JSON.stringify(options.body),
        redirect: 'manual',
      });
    },
    close: () => app.close(),
  };
}
