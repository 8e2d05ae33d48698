import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, data, type SessionView } from '../../api/client';
import type { Escalation, EscalationQueueItem, Page } from '../../api/types';
import { useI18n, type MessageKey, type Said } from '../../i18n';
import { byDueTime, inView, VIEWS, viewOf, viewQuery, type QueueView } from '../../queue/views';
import { follow, navigate, useLocation } from '../../router';
import { Amount, DueCountdown, Loading, ProblemNotice, typingIn, useNow } from '../../ui/bits';
import { ShortcutsDialog } from '../../ui/ShortcutsDialog';

const REFRESH_MS = 15_000;

const VIEW_LABELS: Record<QueueView, MessageKey> = {
  all: 'queue.view.all',
  mine: 'queue.view.mine',
  unclaimed: 'queue.view.unclaimed',
  due24h: 'queue.view.due24h',
  overdue: 'queue.view.overdue',
  ruled: 'queue.view.ruled',
};

export const QUEUE_SHORTCUTS: [string, MessageKey][] = [
  ['j', 'shortcuts.next'],
  ['k', 'shortcuts.previous'],
  ['Enter', 'shortcuts.open'],
  ['c', 'shortcuts.claim'],
  ['?', 'shortcuts.help'],
];

/** Refreshes every 15 s while the page is visible; at once when it becomes visible again. */
function useAutoRefresh(load: () => Promise<void>) {
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      clearInterval(timer);
      timer = setInterval(() => void load(), REFRESH_MS);
    };
    const visibility = () => {
      if (document.hidden) clearInterval(timer);
      else {
        void load();
        start();
      }
    };
    void load();
    if (!document.hidden) start();
    document.addEventListener('visibilitychange', visibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', visibility);
    };
  }, [load]);
}

export default function Queue({ session }: { session: SessionView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const location = useLocation();
  const view = viewOf(location.query.get('view'));
  const me = session.staffId ?? session.keyId;
  const now = useNow();
  const [items, setItems] = useState<EscalationQueueItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Said>(null);
  const [selected, setSelected] = useState(0);
  const [help, setHelp] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);

  const load = useCallback(async () => {
    try {
      // Each row carries its dispute at a glance (`summary`): one call for the whole queue.
      const page = await data<Page<EscalationQueueItem>>(
        api.escalations.GET('/v1/escalations', { params: { query: { ...viewQuery(view), limit: 100 } } }),
      );
      setItems(page.items);
      setError(null);
      setUpdatedAt(new Date().toISOString());
    } catch (failure) {
      setError(failure);
    }
  }, [view]);
  useAutoRefresh(load);

  const rows = useMemo(
    () => (items ?? []).filter((item) => inView(view, item, me, Date.now())).sort(byDueTime),
    [items, view, me],
  );
  useEffect(() => setSelected((index) => Math.min(index, Math.max(rows.length - 1, 0))), [rows.length]);

  const claim = useCallback(
    async (escalation: Escalation) => {
      setNotice(null);
      try {
        await api.escalations.POST('/v1/escalations/{id}/claim', { params: { path: { id: escalation.id } }, body: {} });
        setNotice({ key: 'queue.claimed', args: { id: escalation.id.slice(-8) } });
        setError(null);
        await load();
      } catch (failure) {
        setError(failure);
      }
    },
    [load],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
      // The dialog itself says whether it is open: its close reaches the page before React re-renders this handler.
      if (help && document.querySelector('dialog[open]')) return;
      const current = rows[selected];
      if (event.key === 'j') setSelected((index) => Math.min(index + 1, rows.length - 1));
      else if (event.key === 'k') setSelected((index) => Math.max(index - 1, 0));
      else if (
        event.key === 'Enter' &&
        current &&
        !(event.target instanceof HTMLButtonElement) &&
        !(event.target instanceof HTMLAnchorElement)
      )
        navigate(`/cases/${current.id}`);
      else if (event.key === 'c' && current) void claim(current);
      else if (event.key === '?') setHelp(true);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rows, selected, claim, help]);

  useEffect(() => {
    table.current?.querySelector<HTMLElement>('tr[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <div className="queue">
      <div className="screen-title">
        <h1>{t('queue.title')}</h1>
        <p className="muted" aria-live="polite">
          {updatedAt ? t('queue.updated', { time: i18n.instant(updatedAt) }) : ''}{' '}
          <button type="button" className="button-quiet" onClick={() => setHelp(true)}>
            {t('shortcuts.show')} <kbd>?</kbd>
          </button>
        </p>
      </div>
      <nav className="tabs" aria-label={t('queue.views')}>
        {VIEWS.map((name) => (
          <a
            key={name}
            href={name === 'all' ? '/' : `/?view=${name}`}
            onClick={follow}
            aria-current={name === view ? 'page' : undefined}
          >
            {t(VIEW_LABELS[name])}
          </a>
        ))}
      </nav>
      <ProblemNotice error={error} />
      <p role="status" className="status-line">
        {notice ? t(notice.key, notice.args) : ''}
      </p>
      {items === null ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="empty">{t('queue.empty')}</p>
      ) : (
        <table ref={table} className="queue-table" aria-describedby="queue-keys">
          <caption>
            {t(VIEW_LABELS[view])} · {t('queue.count', { count: rows.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.col.due')}</th>
              <th scope="col">{t('queue.col.case')}</th>
              <th scope="col" className="numeric">
                {t('queue.col.amount')}
              </th>
              <th scope="col">{t('queue.col.reason')}</th>
              <th scope="col">{t('queue.col.seller')}</th>
              <th scope="col">{t('queue.col.buyerCountry')}</th>
              <th scope="col">{t('queue.col.status')}</th>
              <th scope="col">{t('queue.col.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const more = row.summary;
              const open = row.status === 'OPEN' || row.status === 'CLAIMED';
              return (
                <tr
                  key={row.id}
                  aria-selected={index === selected}
                  className={index === selected ? 'selected' : undefined}
                  onClick={() => setSelected(index)}
                >
                  <td>
                    <DueCountdown dueAt={row.dueAt} now={now} done={!open} overdue={row.overdue} />
                  </td>
                  <td>
                    <a href={`/cases/${row.id}`} onClick={follow}>
                      {t('queue.caseLink', { id: row.disputeId.slice(-8) })}
                    </a>
                  </td>
                  <td className="numeric">{more ? <Amount money={more.paid} /> : '…'}</td>
                  <td>
                    {more ? (
                      <>
                        {i18n.code('reason', more.reason)}
                        <br />
                        {more.subReason ? (
                          <span className="muted">{i18n.code('subReason', more.subReason)}</span>
                        ) : null}
                      </>
                    ) : (
                      '…'
                    )}
                  </td>
                  <td>{row.sellerId}</td>
                  <td>{more?.buyerCountry ?? '…'}</td>
                  <td>{i18n.code('escalationStatus', row.status)}</td>
                  <td>{row.claimedBy ?? <span className="muted">{t('queue.unassigned')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p id="queue-keys" className="muted keys-hint">
        {t('queue.keysHint')}
      </p>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} shortcuts={QUEUE_SHORTCUTS} />
    </div>
  );
}
