import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import { useI18n } from '../../i18n';
import { follow, navigate, useLocation } from '../../router';
import { Amount, DueCountdown, Instant, Loading, ProblemNotice, useNow } from '../../ui/bits';
import {
  byUrgency,
  filterCounts,
  listHref,
  QUICK_FILTER_NAMES,
  QUICK_FILTERS,
  readListState,
  sellerDueAt,
  type DisputeRow,
  type DisputeStatus,
  type QuickFilter,
} from './desk';

/** One page of each status of a filter, merged (the counts come from the service's counts, exact). */
const PAGE = 100;

async function rowsOf(filter: QuickFilter, orderId: string): Promise<DisputeRow[]> {
  const pages = await Promise.all(
    QUICK_FILTERS[filter].map((status) =>
      data<{ items: DisputeRow[] }>(
        api.intake.GET('/v1/disputes', {
          params: { query: { status, limit: PAGE, ...(orderId ? { orderId } : {}) } },
        }),
      ),
    ),
  );
  return pages.flatMap((page) => page.items);
}

/** The seller's disputes by quick filter with their counts, most urgent first; filter and search live in the URL. */
export default function Disputes() {
  const i18n = useI18n();
  const { t } = i18n;
  const now = useNow();
  const location = useLocation();
  const state = readListState(location.query);
  const [counts, setCounts] = useState<Record<QuickFilter, number> | null>(null);
  const [rows, setRows] = useState<DisputeRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [search, setSearch] = useState(state.orderId);

  const load = useCallback(async () => {
    try {
      const [byStatus, found] = await Promise.all([
        data<{ byStatus: Record<DisputeStatus, number> }>(
          api.intake.GET('/v1/disputes/counts', {
            params: { query: state.orderId ? { orderId: state.orderId } : {} },
          }),
        ),
        rowsOf(state.filter, state.orderId),
      ]);
      setCounts(filterCounts(byStatus.byStatus));
      setRows([...found].sort(byUrgency));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [state.filter, state.orderId]);

  useEffect(() => {
    setRows(null);
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [load]);

  useEffect(() => setSearch(state.orderId), [state.orderId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(listHref({ ...state, orderId: search.trim() }));
  };

  const countText = (name: QuickFilter) => (counts ? new Intl.NumberFormat(i18n.locale).format(counts[name]) : '…');

  return (
    <div className="seller-disputes">
      <div className="screen-title">
        <h1>{t('sellerDisputes.title')}</h1>
      </div>
      <form className="inline-form search" role="search" onSubmit={submit}>
        <label>
          <span>{t('sellerDisputes.searchLabel')}</span>
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <button type="submit">{t('sellerDisputes.search')}</button>
        {state.orderId ? (
          <a href={listHref({ ...state, orderId: '' })} onClick={follow}>
            {t('sellerDisputes.clearSearch')}
          </a>
        ) : null}
      </form>
      <nav className="tabs" aria-label={t('sellerDisputes.filters')}>
        {QUICK_FILTER_NAMES.map((name) => (
          <a
            key={name}
            href={listHref({ ...state, filter: name })}
            onClick={follow}
            aria-current={name === state.filter ? 'page' : undefined}
          >
            {t(`sellerDisputes.filter.${name}`)} <span className="count">{countText(name)}</span>
          </a>
        ))}
      </nav>
      <ProblemNotice error={error} />
      {rows === null ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="empty">{t('sellerDisputes.empty')}</p>
      ) : (
        <table className="queue-table seller-table">
          <caption>
            {t(`sellerDisputes.filter.${state.filter}`)} · {t('queue.count', { count: rows.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('sellerDisputes.col.due')}</th>
              <th scope="col">{t('sellerDisputes.col.order')}</th>
              <th scope="col" className="numeric">
                {t('sellerDisputes.col.requested')}
              </th>
              <th scope="col">{t('sellerDisputes.col.reason')}</th>
              <th scope="col">{t('sellerDisputes.col.status')}</th>
              <th scope="col">{t('sellerDisputes.col.opened')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const due = sellerDueAt(row);
              return (
                <tr key={row.id}>
                  <td>{due ? <DueCountdown dueAt={due} now={now} /> : <span className="muted">—</span>}</td>
                  <td>
                    <a href={`/seller/disputes/${row.id}`} onClick={follow}>
                      {t('sellerDisputes.open', { order: row.orderId })}
                    </a>
                  </td>
                  <td className="numeric">
                    <Amount money={row.requested.refund} />
                  </td>
                  <td>
                    {i18n.code('reason', row.reason)}
                    <br />
                    <span className="muted">{i18n.code('subReason', row.subReason)}</span>
                  </td>
                  <td>{i18n.code('disputeStatus', row.status)}</td>
                  <td>
                    <Instant iso={row.openedAt} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
