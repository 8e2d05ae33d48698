import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as DisputeIntakePaths } from './schema/dispute-intake';
import type { paths as EscalationTimerPaths } from './schema/escalation-timer';
import type { paths as ListingAuditPaths } from './schema/listing-audit';
import type { paths as NegotiationPaths } from './schema/negotiation';

/**
 * The console talks only to its own origin: `/api/<service>/...` is the gateway, which adds the signed-in
 * person's key. Every call carries the console's header (CSRF: the gateway refuses a state-changing call
 * without it) and the session cookie (same origin only).
 */
export const CONSOLE_HEADER = { 'x-settle-console': '1' } as const;

export type ServiceName = 'listing-audit' | 'dispute-intake' | 'negotiation' | 'escalation-timer';

/** A refusal as a person reads it: the status, the rule's code (problem `type`/`code`) and its detail. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(detail ?? `HTTP ${status}`);
  }
}

/** Nobody signed in (or the session ended): the app goes back to the sign-in screen. */
export const signedOut = new EventTarget();

const problems: Middleware = {
  async onResponse({ response }) {
    if (response.status === 401) signedOut.dispatchEvent(new Event('signed-out'));
    if (response.ok) return response;
    throw await problemOf(response);
  },
};

/** One place mapping an `application/problem+json` answer to what the screens show. */
export async function problemOf(response: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.clone().json()) as Record<string, unknown>;
  } catch {
    // not JSON: the status alone speaks
  }
  const type = typeof body.type === 'string' ? body.type.split('/').pop() : undefined;
  const code = typeof body.code === 'string' ? body.code : type && type !== 'about:blank' ? type : undefined;
  const errors = Array.isArray(body.errors) ? (body.errors as { field: string; message: string }[]) : [];
  return new ApiProblem(response.status, code, typeof body.detail === 'string' ? body.detail : undefined, errors);
}

/** A typed client of one service, through the gateway: paths, parameters and bodies from its own OpenAPI. */
function client<Paths extends object>(service: ServiceName) {
  const api = createClient<Paths>({ baseUrl: `/api/${service}`, credentials: 'same-origin', headers: CONSOLE_HEADER });
  api.use(problems);
  return api;
}

export const api = {
  escalations: client<EscalationTimerPaths>('escalation-timer'),
  intake: client<DisputeIntakePaths>('dispute-intake'),
  negotiation: client<NegotiationPaths>('negotiation'),
  audit: client<ListingAuditPaths>('listing-audit'),
};

/** The data of a call that succeeded (a refusal was thrown as ApiProblem by the middleware). */
export async function data<T>(call: Promise<{ data?: unknown }>): Promise<T> {
  return (await call).data as T;
}

/** The console's own session endpoints (not a service's API). */
export interface SessionView {
  role: 'staff' | 'lead' | 'seller' | 'platform';
  staffId?: string;
  keyId?: string;
  sellerId?: string;
  locale?: string;
}

async function session(method: 'GET' | 'POST' | 'DELETE', body?: unknown): Promise<Response> {
  return fetch('/api/session', {
    method,
    credentials: 'same-origin',
    headers: { ...CONSOLE_HEADER, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function whoAmI(): Promise<SessionView | null> {
  const response = await session('GET');
  if (response.status === 401) return null;
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as SessionView;
}

export async function signIn(apiKey: string): Promise<SessionView> {
  const response = await session('POST', { apiKey });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as SessionView;
}

export async function signOut(): Promise<void> {
  const response = await session('DELETE');
  if (!response.ok && response.status !== 401) throw await problemOf(response);
}
