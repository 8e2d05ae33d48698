import type { Escalation, EscalationStatus } from '../api/types';
import { DAY_MS } from '../format/time';

/** The saved views of the queue, kept in the URL (`/?view=overdue`) so a view can be bookmarked and shared. */
export const VIEWS = ['all', 'mine', 'unclaimed', 'due24h', 'overdue', 'ruled'] as const;
export type QueueView = (typeof VIEWS)[number];

export function viewOf(value: string | null): QueueView {
  return (VIEWS as readonly string[]).includes(value ?? '') ? (value as QueueView) : 'all';
}

/** What the service filters (status, overdue); the rest is narrowed here on the page it sends. */
export function viewQuery(view: QueueView): { status?: EscalationStatus; overdue?: boolean } {
  switch (view) {
    case 'mine':
      return { status: 'CLAIMED' };
    case 'unclaimed':
      return { status: 'OPEN' };
    case 'due24h':
      return { overdue: false };
    case 'overdue':
      return { overdue: true };
    case 'ruled':
      return { status: 'RULED' };
    default:
      return {};
  }
}

const open = (escalation: Escalation) => escalation.status === 'OPEN' || escalation.status === 'CLAIMED';

export function inView(view: QueueView, escalation: Escalation, me: string | undefined, now: number): boolean {
  switch (view) {
    case 'mine':
      return escalation.status === 'CLAIMED' && escalation.claimedBy === me;
    case 'unclaimed':
      return escalation.status === 'OPEN';
    case 'due24h': {
      const due = Date.parse(escalation.dueAt);
      return open(escalation) && due > now && due - now <= DAY_MS;
    }
    case 'overdue':
      return open(escalation) && (escalation.overdue || Date.parse(escalation.dueAt) <= now);
    case 'ruled':
      return escalation.status === 'RULED';
    default:
      return true;
  }
}

/** By due time, earliest first (what is late comes first); ties by id, as the service's keyset does. */
export function byDueTime(a: Escalation, b: Escalation): number {
  return Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
