import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyStore, Clock, Forbidden, type Role, Unauthenticated } from '@settle/platform';
import { ConsoleConfig } from '../console.config';
import { SessionsRepository } from './sessions.repository';
import { newSessionToken, openApiKey, sealApiKey, sessionTokenHash } from './session-token';

export type Workspace = 'staff' | 'seller';

/** What the browser may know of its session: never the key. */
export interface SessionView {
  role: Exclude<Role, 'platform'>;
  workspace: Workspace;
  sellerId?: string;
  staffId?: string;
}

/** A live session as the gateway uses it. */
export interface ActiveSession extends SessionView {
  apiKey: string;
}

/** last_seen_at is written at most this often per session: a gateway call costs one read, not a write. */
const TOUCH_EVERY_MS = 60_000;
/**
 * A session read from the table serves this process's calls for this long (a screen's parallel calls share one read):
 * a sign-out here ends it at once; one on another replica of the console within this time.
 */
const KNOWN_FOR_MS = 1_000;

interface KnownSession {
  session: ActiveSession;
  lastSeenAt: number;
}

@Injectable()
export class SessionsService {
  private readonly known = new Map<string, { lookup: Promise<KnownSession | null>; until: number }>();

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly keys: ApiKeyStore,
    private readonly clock: Clock,
    @Inject(ConsoleConfig) private readonly config: ConsoleConfig,
  ) {}

  /**
   * Checks the key against the shared auth schema and opens a session: a new token every time (a token the browser
   * held before, if any, is ended), so a token planted before sign-in never becomes a signed-in one.
   */
  async signIn(apiKey: string, previousToken?: string): Promise<{ token: string; session: SessionView }> {
    const principal = await this.keys.resolve(apiKey);
    if (!principal) throw new Unauthenticated('The API key is unknown or revoked.');
    if (principal.role === 'platform') {
      throw new Forbidden(
        'Platform keys are machine keys for the marketplace backend and cannot sign in to the console; ' +
          'sign in with a staff, lead or seller key.',
      );
    }
    if (previousToken) await this.end(sessionTokenHash(previousToken));
    const now = this.clock.now();
    await this.sessions.deleteIdle(new Date(now.getTime() - this.config.CONSOLE_SESSION_IDLE_MS));
    const token = newSessionToken();
    await this.sessions.insert({
      tokenHash: sessionTokenHash(token),
      keyId: principal.keyId,
      role: principal.role,
      sellerId: principal.sellerId ?? null,
      staffId: principal.staffId ?? null,
      sealedKey: sealApiKey(token, apiKey),
      createdAt: now,
      lastSeenAt: now,
    });
    return {
      token,
      session: view(principal.role, principal.sellerId ?? null, principal.staffId ?? null),
    };
  }

  /** The live session of a token, or null (unknown, ended, or idle past the limit: then it is deleted). */
  async resolve(token: string | undefined): Promise<ActiveSession | null> {
    if (!token) return null;
    const tokenHash = sessionTokenHash(token);
    const now = this.clock.now();
    const entry = this.known.get(tokenHash);
    if (entry && entry.until > performance.now()) {
      const known = await entry.lookup;
      if (!known) return null;
      // Reused only while its last_seen_at needs no update (and so cannot be idle past the limit either).
      if (now.getTime() - known.lastSeenAt < TOUCH_EVERY_MS) return known.session;
    }
    const lookup = this.lookup(token, tokenHash, now);
    if (this.known.size >= 10_000) this.forgetExpired();
    this.known.set(tokenHash, { lookup, until: performance.now() + KNOWN_FOR_MS });
    try {
      return (await lookup)?.session ?? null;
    } catch (error) {
      this.known.delete(tokenHash);
      throw error;
    }
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.end(sessionTokenHash(token));
  }

  private async end(tokenHash: string): Promise<void> {
    this.known.delete(tokenHash);
    await this.sessions.delete(tokenHash);
    this.known.delete(tokenHash);
  }

  private async lookup(token: string, tokenHash: string, now: Date): Promise<KnownSession | null> {
    const row = await this.sessions.find(tokenHash);
    if (!row) return null;
    const idle = now.getTime() - row.lastSeenAt.getTime();
    if (idle >= this.config.CONSOLE_SESSION_IDLE_MS) {
      await this.sessions.delete(tokenHash);
      return null;
    }
    const apiKey = openApiKey(token, row.sealedKey);
    if (!apiKey || row.role === 'platform') return null;
    let lastSeenAt = row.lastSeenAt.getTime();
    if (idle >= TOUCH_EVERY_MS) {
      await this.sessions.touch(tokenHash, now);
      lastSeenAt = now.getTime();
    }
    return { session: { ...view(row.role as Role, row.sellerId, row.staffId), apiKey }, lastSeenAt };
  }

  private forgetExpired(): void {
    const now = performance.now();
    for (const [tokenHash, entry] of this.known) if (entry.until <= now) this.known.delete(tokenHash);
  }
}

function view(role: Role, sellerId: string | null, staffId: string | null): SessionView {
  if (role === 'platform') throw new Error('platform keys have no console session');
  return {
    role,
    workspace: role === 'seller' ? 'seller' : 'staff',
    ...(sellerId ? { sellerId } : {}),
    ...(staffId ? { staffId } : {}),
  };
}
