import {
  eventually,
  expectProblem,
  isolatedEnvironment,
  startService,
  type RunningService,
  type TestEnvironment,
} from '@settle/testing';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule as EscalationTimerModule } from '../../escalation-timer/src/app.module';
import { EscalationTimerService } from '../../escalation-timer/src/service';
import { CONTENT_SECURITY_POLICY } from './security/security-headers';
import { sessionTokenHash } from './sessions/session-token';
import { cookieOf, startConsole, type ConsoleHarness } from './testing/console-harness';

/** A stand-in service on a local port: records what the gateway sent it and answers as told. */
class RecordingUpstream {
  readonly requests: { method: string; url: string; headers: IncomingHttpHeaders; bytes: number }[] = [];
  /** Bytes of the request being received, as they arrive. */
  receiving = 0;
  private readonly server = http.createServer((request, response) => {
    const record = { method: request.method!, url: request.url!, headers: request.headers, bytes: 0 };
    this.receiving = 0;
    request.on('data', (chunk: Buffer) => {
      record.bytes += chunk.length;
      this.receiving = record.bytes;
    });
    request.on('end', () => {
      this.requests.push(record);
      if (request.url === '/v1/commands-accepted') {
        response.writeHead(202, { location: '/v1/commands/C-1', 'content-type': 'application/json' });
        response.end(JSON.stringify({ commandId: 'C-1' }));
      } else if (request.url === '/v1/export') {
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-disposition': 'attachment; filename="dispute-D-1.json"',
          'set-cookie': 'upstream=1; Path=/',
        });
        response.end(JSON.stringify({ bytes: record.bytes }));
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ bytes: record.bytes }));
      }
    });
  });

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('console: sessions, gateway, CSRF and security headers (real Postgres, a real escalation-timer)', () => {
  let environment: TestEnvironment;
  let timer: RunningService;
  let upstream: RecordingUpstream;
  let console_: ConsoleHarness;
  let webDir: string;
  const keys = { staff: '', lead: '', platform: '', seller: '' };
  /** Every response body and Set-Cookie the console sent in this file: none may hold an API key. */
  const seen: string[] = [];

  async function call(...args: Parameters<ConsoleHarness['call']>): Promise<Response> {
    const response = await console_.call(...args);
    const body = await response.clone().text();
    seen.push(body, response.headers.get('set-cookie') ?? '');
    return response;
  }

  async function signIn(key: string, headers: Record<string, string> = {}): Promise<string> {
    const response = await call('POST', '/api/session', { body: { apiKey: key }, headers });
    expect(response.status).toBe(200);
    return cookieOf(response);
  }

  beforeAll(async () => {
    environment = await isolatedEnvironment('console', { CONSOLE_SIGNIN_MAX_FAILURES: '3' });
    process.env.DB_SCHEMA = `${environment.schema}_timer`;
    timer = await startService(EscalationTimerModule, EscalationTimerService);
    process.env.DB_SCHEMA = environment.schema;
    upstream = new RecordingUpstream();
    const upstreamUrl = await upstream.start();
    webDir = mkdtempSync(path.join(tmpdir(), 'console-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><title>Settle</title><script type="module" src="/assets/index-abc123.js"></script>',
    );
    writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
    console_ = await startConsole({
      ESCALATION_TIMER_URL: timer.baseUrl,
      NEGOTIATION_URL: upstreamUrl,
      // Nothing listens there: the service is down.
      LISTING_AUDIT_URL: 'http://127.0.0.1:9',
      CONSOLE_WEB_DIR: webDir,
    });
    for (const role of ['staff', 'lead', 'platform'] as const) keys[role] = await console_.createKey(role);
    keys.seller = await console_.createKey('seller', 'S-CONSOLE-1');
  }, 60_000);

  afterAll(async () => {
    await console_?.close();
    await timer?.close();
    await upstream?.stop();
    const client = new Client({ connectionString: environment.databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${environment.schema}_timer" CASCADE`);
    await client.end();
    await environment.cleanup();
  });

  describe('signing in', () => {
    it('staff and lead get the staff workspace, a seller the seller workspace', async () => {
      for (const role of ['staff', 'lead'] as const) {
        const response = await call('POST', '/api/session', { body: { apiKey: keys[role] } });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ role, workspace: 'staff', staffId: expect.any(String), locale: 'en' });
      }
      const seller = await call('POST', '/api/session', {
        body: { apiKey: keys.seller },
        headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
      });
      expect(await seller.json()).toEqual({
        role: 'seller',
        workspace: 'seller',
        sellerId: 'S-CONSOLE-1',
        locale: 'zh-CN',
      });
    });

    it('refuses a platform key with a 403 that says it is a machine key, and sets no cookie', async () => {
      const response = await call('POST', '/api/session', { body: { apiKey: keys.platform } });
      const problem = await expectProblem(response, 403);
      expect(problem.detail).toMatch(/machine keys/);
      expect(response.headers.get('set-cookie')).toBeNull();
    });

    it('refuses an unknown key (401) and a body that is not a sign-in (400 naming the field), as problem+json', async () => {
      await expectProblem(
        await call('POST', '/api/session', { body: { apiKey: 'stl_staff_not-a-real-key-at-all' } }),
        401,
      );
      const unknownField = await expectProblem(
        await call('POST', '/api/session', { body: { apiKey: keys.staff, remember: true } }),
        400,
      );
      expect(unknownField.errors).toEqual([{ field: 'remember', message: 'is not a known field' }]);
      const notJson = await expectProblem(
        await call('POST', '/api/session', { body: '{"apiKey": ', headers: { 'content-type': 'application/json' } }),
        400,
      );
      expect(notJson.errors).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
      await expectProblem(
        await call('POST', '/api/session', { body: 'apiKey=x', headers: { 'content-type': 'text/plain' } }),
        400,
      );
    });

    it('sets an HttpOnly, SameSite=Strict, Path=/ cookie, not Secure over plain http', async () => {
      const response = await call('POST', '/api/session', {
        body: { apiKey: keys.staff },
        // Not trusted: the console is not behind a proxy it was told to trust.
        headers: { 'x-forwarded-proto': 'https' },
      });
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^settle_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    });

    it('marks the cookie Secure when a trusted proxy says the request came over https', async () => {
      const behindProxy = await startConsole({ CONSOLE_TRUST_PROXY: 'loopback', ESCALATION_TIMER_URL: timer.baseUrl });
      try {
        const over = (proto: string) =>
          behindProxy.call('POST', '/api/session', {
            body: { apiKey: keys.lead },
            headers: { 'x-forwarded-proto': proto },
          });
        expect((await over('https')).headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
        expect((await over('http')).headers.get('set-cookie')).not.toMatch(/Secure/);
      } finally {
        await behindProxy.close();
      }
    });

    it('limits failed sign-ins per address: 429 with Retry-After, then free again once the window passed', async () => {
      const limited = await startConsole({ CONSOLE_SIGNIN_MAX_FAILURES: '3', CONSOLE_SIGNIN_WINDOW_MS: '60000' });
      try {
        const start = new Date('2026-01-01T00:00:00Z');
        limited.setNow(start);
        const wrong = () => limited.call('POST', '/api/session', { body: { apiKey: 'stl_staff_wrong-key-000000' } });
        for (let attempt = 0; attempt < 3; attempt += 1) await expectProblem(await wrong(), 401);
        const refused = await limited.call('POST', '/api/session', { body: { apiKey: keys.staff } });
        await expectProblem(refused, 429);
        expect(Number(refused.headers.get('retry-after'))).toBe(60);
        limited.setNow(new Date(start.getTime() + 60_001));
        expect((await limited.call('POST', '/api/session', { body: { apiKey: keys.staff } })).status).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('tells who is signed in, never with the key; 401 without a session', async () => {
      const cookie = await signIn(keys.seller);
      const me = await call('GET', '/api/session', { cookie });
      expect(me.status).toBe(200);
      expect(me.headers.get('cache-control')).toBe('no-store');
      expect(await me.json()).toEqual({ role: 'seller', workspace: 'seller', sellerId: 'S-CONSOLE-1', locale: 'en' });
      await expectProblem(await call('GET', '/api/session'), 401);
      await expectProblem(await call('GET', '/api/session', { cookie: 'settle_session=forged' }), 401);
    });

    it('keeps the key out of the database in the clear: the row holds its hash-named token and a sealed key', async () => {
      await signIn(keys.staff);
      const rows = await console_.app
        .get(DataSource)
        .query<{ token_hash: string; sealed_key: Buffer }[]>(`SELECT token_hash, sealed_key FROM sessions`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const key of Object.values(keys)) expect(row.sealed_key.includes(Buffer.from(key))).toBe(false);
        expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      }
    });
  });

  describe('the gateway', () => {
    it("forwards as the session's key: staff reach the staff queue, a seller is refused by the service itself", async () => {
      const staff = await signIn(keys.staff);
      const queue = await call('GET', '/api/escalation-timer/v1/escalations?status=OPEN', { cookie: staff });
      expect(queue.status).toBe(200);
      expect(await queue.json()).toEqual({ items: [], nextCursor: null });
      expect(queue.headers.get('cache-control')).toBe('no-store');
      const seller = await signIn(keys.seller);
      const refused = await expectProblem(
        await call('GET', '/api/escalation-timer/v1/escalations', { cookie: seller }),
        403,
      );
      expect(refused.detail).toMatch(/role is seller/);
    });

    it("passes the service's problem+json as it is: status, type, errors", async () => {
      const lead = await signIn(keys.lead);
      const problem = await expectProblem(
        await call('POST', `/api/escalation-timer/v1/escalations/${randomUUID()}/claim`, {
          cookie: lead,
          body: { assignTo: 7 },
        }),
        400,
      );
      expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'assignTo' })]));
    });

    it('adds the bearer key and the correlation id, and never forwards the browser’s cookies or Origin', async () => {
      const staff = await signIn(keys.staff);
      const response = await call('POST', '/api/negotiation/v1/things?x=1', {
        cookie: `${staff}; other=1`,
        body: { a: 1 },
        headers: { 'x-correlation-id': 'corr-console-1', 'idempotency-key': 'idem-1', authorization: 'Bearer forged' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-correlation-id')).toBe('corr-console-1');
      const forwarded = upstream.requests.at(-1)!;
      expect(forwarded).toMatchObject({ method: 'POST', url: '/v1/things?x=1', bytes: 7 });
      expect(forwarded.headers).toMatchObject({
        authorization: `Bearer ${keys.staff}`,
        'x-correlation-id': 'corr-console-1',
        'idempotency-key': 'idem-1',
        'content-type': 'application/json',
      });
      expect(forwarded.headers.cookie).toBeUndefined();
      expect(forwarded.headers.origin).toBeUndefined();
      expect(forwarded.headers['x-settle-console']).toBeUndefined();
    });

    it('passes Location (reachable through the gateway), content-disposition, and no upstream cookie', async () => {
      const staff = await signIn(keys.staff);
      const accepted = await call('POST', '/api/negotiation/v1/commands-accepted', { cookie: staff, body: {} });
      expect(accepted.status).toBe(202);
      expect(accepted.headers.get('location')).toBe('/api/negotiation/v1/commands/C-1');
      const exported = await call('GET', '/api/negotiation/v1/export', { cookie: staff });
      expect(exported.headers.get('content-disposition')).toBe('attachment; filename="dispute-D-1.json"');
      expect(exported.headers.get('set-cookie')).toBeNull();
    });

    it('streams a request body: the service has the first bytes before the browser has sent the rest', async () => {
      const staff = await signIn(keys.staff);
      const chunk = Buffer.alloc(1024 * 1024, 7);
      const request = http.request(`${console_.baseUrl}/api/negotiation/v1/uploads`, {
        method: 'POST',
        headers: {
          cookie: staff,
          origin: console_.origin,
          'x-settle-console': '1',
          'content-type': 'application/octet-stream',
        },
      });
      const answered = once(request, 'response') as Promise<[http.IncomingMessage]>;
      request.write(chunk);
      // Were the body buffered by the console, nothing would reach the service until the end: this would time out.
      await eventually(() => upstream.receiving >= chunk.length, { intervalMs: 10, what: 'the first chunk upstream' });
      for (let sent = 1; sent < 20; sent += 1) request.write(chunk);
      request.end();
      const [response] = await answered;
      let text = '';
      for await (const part of response) text += String(part);
      expect(JSON.parse(text)).toEqual({ bytes: 20 * chunk.length });
    });

    it('answers 404 for a service it does not know and for a path outside the services’ API', async () => {
      const staff = await signIn(keys.staff);
      const unknown = await expectProblem(await call('GET', '/api/billing/v1/invoices', { cookie: staff }), 404);
      expect(unknown.detail).toMatch(/no service "billing"/);
      await expectProblem(await call('GET', '/api/escalation-timer/metrics', { cookie: staff }), 404);
    });

    it('answers 401 without a session, and 503 when a service is down', async () => {
      await expectProblem(await call('GET', '/api/escalation-timer/v1/escalations'), 401);
      const staff = await signIn(keys.staff);
      const down = await expectProblem(await call('GET', '/api/listing-audit/v1/rules', { cookie: staff }), 503);
      expect(down.detail).toMatch(/listing-audit/);
    });
  });

  describe('session end', () => {
    it('signing out ends the session at once: the old cookie gets 401 from the API and the gateway', async () => {
      const cookie = await signIn(keys.staff);
      const out = await call('DELETE', '/api/session', { cookie });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/^settle_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
      await expectProblem(await call('GET', '/api/session', { cookie }), 401);
      await expectProblem(await call('GET', '/api/escalation-timer/v1/escalations', { cookie }), 401);
    });

    it('ends a session idle for 12 h; any use before then keeps it alive', async () => {
      const start = new Date('2026-03-01T08:00:00Z');
      console_.setNow(start);
      try {
        const cookie = await signIn(keys.staff);
        const at = (hours: number) => console_.setNow(new Date(start.getTime() + hours * 3_600_000));
        at(11);
        expect((await call('GET', '/api/escalation-timer/v1/escalations', { cookie })).status).toBe(200);
        at(22.9);
        expect((await call('GET', '/api/session', { cookie })).status).toBe(200);
        at(22.9 + 12);
        await expectProblem(await call('GET', '/api/session', { cookie }), 401);
        // The idle session was deleted, not merely refused.
        const token = cookie.slice(cookie.indexOf('=') + 1);
        const rows = await console_.app
          .get(DataSource)
          .query(`SELECT 1 FROM sessions WHERE token_hash = $1`, [sessionTokenHash(token)]);
        expect(rows).toEqual([]);
      } finally {
        console_.setNow(undefined as unknown as Date);
      }
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing call without the console header, or from another origin, or with none', async () => {
      const cookie = await signIn(keys.staff);
      const before = upstream.requests.length;
      const forged = [
        { 'x-settle-console': undefined },
        { origin: 'https://evil.example' },
        { origin: undefined },
        { origin: 'null' },
      ];
      for (const headers of forged) {
        const problem = await expectProblem(
          await call('POST', '/api/negotiation/v1/things', { cookie, body: {}, headers }),
          403,
        );
        expect(problem.detail).toMatch(/x-settle-console|origin/);
        await expectProblem(await call('DELETE', '/api/session', { cookie, headers }), 403);
        await expectProblem(await call('POST', '/api/session', { body: { apiKey: keys.staff }, headers }), 403);
      }
      expect(upstream.requests.length).toBe(before);
      // The refused sign-outs ended nothing.
      expect((await call('GET', '/api/session', { cookie })).status).toBe(200);
    });

    it('accepts the console’s own localhost origin too', async () => {
      const response = await call('POST', '/api/session', {
        body: { apiKey: keys.staff },
        headers: { origin: console_.origin.replace('127.0.0.1', 'localhost') },
      });
      expect(response.status).toBe(200);
    });
  });

  describe('the web app', () => {
    it('serves index.html for the app’s own routes and hashed assets with a long cache', async () => {
      for (const route of ['/', '/queue', '/cases/5f0c/timeline']) {
        const page = await call('GET', route);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(page.headers.get('cache-control')).toBe('no-cache');
        expect(await page.text()).toContain('/assets/index-abc123.js');
        expectSecurityHeaders(page);
      }
      const asset = await call('GET', '/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await asset.text()).toContain('xxxx');
      const etag = asset.headers.get('etag')!;
      expect((await call('GET', '/assets/index-abc123.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
      await expectProblem(await call('GET', '/assets/index-missing.js'), 404);
    });

    it('serves a placeholder page, under the same policy, while the web app is not built', async () => {
      const unbuilt = await startConsole({ CONSOLE_WEB_DIR: path.join(webDir, 'missing') });
      try {
        const page = await unbuilt.call('GET', '/queue');
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('not built yet');
        expectSecurityHeaders(page);
      } finally {
        await unbuilt.close();
      }
    });
  });

  it('sends the security headers on every response: the app, the API, the gateway, errors, health', async () => {
    const staff = await signIn(keys.staff);
    const responses = [
      await call('GET', '/'),
      await call('GET', '/assets/index-abc123.js'),
      await call('GET', '/api/session', { cookie: staff }),
      await call('GET', '/api/session'),
      await call('GET', '/api/escalation-timer/v1/escalations', { cookie: staff }),
      await call('GET', '/api/escalation-timer/v1/escalations/x/y/z', { cookie: staff }),
      await call('GET', '/api/billing/v1/x', { cookie: staff }),
      await call('POST', '/api/session', { body: {}, headers: { origin: 'https://evil.example' } }),
      await call('PUT', '/api/session', { body: {} }),
      await call('GET', '/health/ready'),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 401, 200, 404, 404, 403, 404, 200]);
    for (const response of responses) expectSecurityHeaders(response);
  });

  it('never sent an API key in any response body or Set-Cookie', () => {
    expect(seen.length).toBeGreaterThan(40);
    for (const text of seen) for (const key of Object.values(keys)) expect(text).not.toContain(key);
  });
});
