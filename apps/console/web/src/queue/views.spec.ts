import type { Escalation } from '../api/types';
import { byDueTime, inView, viewOf, viewQuery } from './views';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const escalation = (over: Partial<Escalation>): Escalation =>
  ({ id: 'e', status: 'OPEN', dueAt: '2026-12-05T00:00:00Z', overdue: false, claimedBy: null, ...over }) as Escalation;

describe('the queue’s saved views', () => {
  it('reads the view from the URL, defaulting to all', () => {
    expect(viewOf('overdue')).toBe('overdue');
    expect(viewOf('nonsense')).toBe('all');
    expect(viewOf(null)).toBe('all');
  });

  it('asks the service for what it can filter', () => {
    expect(viewQuery('overdue')).toEqual({ overdue: true });
    expect(viewQuery('unclaimed')).toEqual({ status: 'OPEN' });
    expect(viewQuery('ruled')).toEqual({ status: 'RULED' });
    expect(viewQuery('mine')).toEqual({ status: 'CLAIMED' });
  });

  it('narrows the rest here', () => {
    const mine = escalation({ status: 'CLAIMED', claimedBy: 'staff-1' });
    expect(inView('mine', mine, 'staff-1', NOW)).toBe(true);
    expect(inView('mine', mine, 'staff-2', NOW)).toBe(false);
    expect(inView('due24h', escalation({ dueAt: '2026-12-05T11:59:00Z' }), undefined, NOW)).toBe(true);
    expect(inView('due24h', escalation({ dueAt: '2026-12-06T00:00:00Z' }), undefined, NOW)).toBe(false);
    expect(inView('due24h', escalation({ dueAt: '2026-12-04T11:00:00Z' }), undefined, NOW)).toBe(false);
    expect(inView('overdue', escalation({ dueAt: '2026-12-04T11:00:00Z' }), undefined, NOW)).toBe(true);
    expect(inView('overdue', escalation({ status: 'RULED', dueAt: '2026-12-04T11:00:00Z' }), undefined, NOW)).toBe(
      false,
    );
  });

  it('orders by due time, the latest case last', () => {
    const list = [
      escalation({ id: 'b', dueAt: '2026-12-05T00:00:00Z' }),
      escalation({ id: 'a', dueAt: '2026-12-03T00:00:00Z' }),
      escalation({ id: 'c', dueAt: '2026-12-05T00:00:00Z' }),
    ];
    expect(list.sort(byDueTime).map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });
});
