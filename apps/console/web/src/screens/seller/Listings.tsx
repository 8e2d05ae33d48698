import { useCallback, useEffect, useState } from 'react';
import { api, data, type SessionView } from '../../api/client';
import { codeKey, useI18n } from '../../i18n';
import { follow } from '../../router';
import { Instant, Loading, ProblemNotice, Section } from '../../ui/bits';
import {
  bySeverity,
  byIncidentUrgency,
  incidentsByListing,
  orderStanding,
  withAudit,
  type AuditResult,
  type IncidentDetail,
  type ListingSummary,
  type SupplyIncident,
} from './listings';

/** Listings per page (the service orders them flagged first, then warned, then the rest; lowest score first). */
const PAGE = 50;
/** The incidents whose progress the page reads (newest first; a seller rarely has more open at once). */
const INCIDENTS = 20;

async function listingsPage(cursor?: string) {
  return data<{ items: ListingSummary[]; nextCursor: string | null }>(
    api.audit.GET('/v1/listings', { params: { query: { limit: PAGE, ...(cursor ? { cursor } : {}) } } }),
  );
}

async function incidentsWithProgress(): Promise<IncidentDetail[]> {
  const page = await data<{ items: SupplyIncident[] }>(
    api.negotiation.GET('/v1/supply-incidents', { params: { query: { limit: INCIDENTS } } }),
  );
  const details = await Promise.all(
    page.items.map((incident) =>
      data<IncidentDetail>(api.negotiation.GET('/v1/supply-incidents/{id}', { params: { path: { id: incident.id } } })),
    ),
  );
  return details.sort(byIncidentUrgency);
}

/**
 * The seller's listings with their latest audit (flagged first, by the service), the findings and how to fix
 * each, an audit on demand, and the seller's supply incidents with their progress (issue 17 point 5, issue 19
 * point 4). The services scope every answer to the signed-in seller.
 */
export default function Listings(_props: { session: SessionView }) {
  const { t } = useI18n();
  const [listings, setListings] = useState<ListingSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [incidents, setIncidents] = useState<IncidentDetail[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [incidentError, setIncidentError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const loadIncidents = useCallback(async () => {
    try {
      setIncidents(await incidentsWithProgress());
      setIncidentError(null);
    } catch (failure) {
      setIncidentError(failure);
    }
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        const page = await listingsPage();
        setListings(page.items);
        setNextCursor(page.nextCursor);
      } catch (failure) {
        setError(failure);
      }
    })();
    void loadIncidents();
    // The incidents' progress moves as buyers answer; the listings change only when audited.
    const timer = setInterval(() => void loadIncidents(), 15_000);
    return () => clearInterval(timer);
  }, [loadIncidents]);

  const more = async () => {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await listingsPage(nextCursor);
      setListings((shown) => [...(shown ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  const audited = useCallback((audit: AuditResult) => {
    setListings((shown) => (shown ? withAudit(shown, audit) : shown));
  }, []);

  const byListing = incidentsByListing(incidents ?? []);
  const flagged = listings?.filter((listing) => listing.flagged).length ?? 0;

  return (
    <div className="seller-listings">
      <div className="screen-title">
        <h1>{t('sellerListings.title')}</h1>
      </div>
      <p className="muted">{t('sellerListings.intro')}</p>
      <Incidents incidents={incidents} error={incidentError} />
      <Section id="listings" title={t('sellerListings.listings')}>
        <ProblemNotice error={error} />
        {listings === null ? (
          error ? null : (
            <Loading />
          )
        ) : listings.length === 0 ? (
          <p className="empty">{t('sellerListings.empty')}</p>
        ) : (
          <>
            <p>{t('sellerListings.count', { count: listings.length, flagged })}</p>
            <ol className="listing-cards">
              {listings.map((listing) => (
                <li key={listing.listingId}>
                  <ListingCard
                    listing={listing}
                    incidents={byListing.get(listing.listingId) ?? []}
                    onAudited={audited}
                  />
                </li>
              ))}
            </ol>
            {nextCursor ? (
              <button type="button" disabled={loadingMore} onClick={() => void more()}>
                {t('sellerListings.more')}
              </button>
            ) : null}
          </>
        )}
      </Section>
    </div>
  );
}

function ListingCard({
  listing,
  incidents,
  onAudited,
}: {
  listing: ListingSummary;
  incidents: IncidentDetail[];
  onAudited: (audit: AuditResult) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  // The audit just asked for, kept as the service answered it: the sentence is written in the language shown now.
  const [result, setResult] = useState<AuditResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const titleId = `listing-${listing.listingId}-title`;
  const { audit } = listing;
  const open = incidents.filter((incident) => incident.status === 'OPEN');

  const auditNow = async () => {
    if (busy) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      const answer = await data<AuditResult>(
        api.audit.POST('/v1/listings/{listingId}/audits', { params: { path: { listingId: listing.listingId } } }),
      );
      onAudited(answer);
      setResult(answer);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article
      className={`panel listing-card${listing.flagged ? ' listing-flagged' : ''}`}
      aria-labelledby={titleId}
      data-listing={listing.listingId}
    >
      <header className="panel-header">
        <h3 id={titleId}>{listing.title}</h3>
        {listing.flaggedBy ? <span className="flag">{t(`sellerListings.flaggedBy.${listing.flaggedBy}`)}</span> : null}
      </header>
      <dl className="facts-grid">
        <div className="facts-row">
          <dt>{t('sellerListings.listingId')}</dt>
          <dd>
            <code>{listing.listingId}</code> · {t('case.listingVersion', { version: listing.listingVersion })}
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t('case.saleUnit')}</dt>
          <dd>
            {listing.saleUnit.type === 'LOT'
              ? t('case.saleUnitLot', { pieces: listing.saleUnit.piecesPerLot ?? 0 })
              : t('case.saleUnitPiece')}
          </dd>
        </div>
        <div className="facts-row">
          <dt>{t('sellerListings.latestAudit')}</dt>
          <dd className="listing-verdict">
            {audit ? (
              <>
                {t('case.auditVerdict', { verdict: i18n.code('verdict', audit.verdict), score: audit.score })} ·{' '}
                {i18n.code('auditTrigger', audit.trigger)} · <Instant iso={audit.auditedAt} />
                {audit.disputeId ? (
                  <>
                    {' '}
                    ·{' '}
                    <a href={`/seller/disputes/${audit.disputeId}`} onClick={follow}>
                      {t('sellerListings.askedByDispute')}
                    </a>
                  </>
                ) : null}
              </>
            ) : (
              t('sellerListings.notAudited')
            )}
          </dd>
        </div>
      </dl>
      {open.length ? (
        <p className="listing-incident">
          {open.map((incident) => (
            <a key={incident.id} href={`#incident-${incident.id}`}>
              {t('sellerListings.incidentOpen', {
                cause: i18n.code('supplyCause', incident.cause),
                orders: incident.progress.affectedOrders,
              })}
            </a>
          ))}
        </p>
      ) : null}
      {audit && audit.findings.length ? (
        <>
          <h4>{t('sellerListings.findings', { count: audit.findings.length })}</h4>
          <ul className="findings">
            {bySeverity(audit.findings).map((finding, index) => (
              <li key={`${finding.ruleId}-${index}`} className={`severity-${finding.severity.toLowerCase()}`}>
                <p className="finding-head">
                  <strong>{i18n.code('severity', finding.severity)}</strong>{' '}
                  {codeKey('rule', finding.ruleId) ? `${i18n.code('rule', finding.ruleId)} ` : null}
                  <code>{finding.ruleId}</code> · {t('sellerListings.field', { field: finding.field })}
                </p>
                <p className="finding-message" lang="en">
                  {finding.message}
                </p>
                <p className="finding-fix">
                  <strong>{t('sellerListings.fix')}</strong> <span lang="en">{finding.fix}</span>
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : audit ? (
        <p className="muted">{t('sellerListings.noFindings')}</p>
      ) : null}
      <div className="button-row">
        <button type="button" disabled={busy} aria-describedby={titleId} onClick={() => void auditNow()}>
          {busy ? t('sellerListings.auditing') : t('sellerListings.auditNow')}
        </button>
      </div>
      <p role="status" className="status-line">
        {result
          ? t(result.findings.length ? 'sellerListings.auditedFindings' : 'sellerListings.auditedClean', {
              verdict: i18n.code('verdict', result.verdict),
              score: result.score,
              count: result.findings.length,
            })
          : ''}
      </p>
      <ProblemNotice error={error} />
    </article>
  );
}

function Incidents({ incidents, error }: { incidents: IncidentDetail[] | null; error: unknown }) {
  const { t } = useI18n();
  return (
    <Section id="incidents" title={t('sellerListings.incidents')}>
      <ProblemNotice error={error} />
      {incidents === null ? (
        error ? null : (
          <Loading />
        )
      ) : incidents.length === 0 ? (
        <p className="empty">{t('sellerListings.noIncidents')}</p>
      ) : (
        <ol className="incident-cards">
          {incidents.map((incident) => (
            <li key={incident.id}>
              <Incident incident={incident} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function Incident({ incident }: { incident: IncidentDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { progress } = incident;
  const titleId = `incident-${incident.id}-title`;
  const figures: [string, number][] = [
    [t('incident.affectedOrders'), progress.affectedOrders],
    [t('incident.noticesSent'), progress.noticesSent],
    [t('incident.refundsOffered'), progress.refundsOffered],
    [t('incident.refundsAccepted'), progress.refundsAccepted],
    [t('incident.ordersSettled'), progress.ordersSettled],
    [t('incident.droppedOrders'), progress.droppedOrders],
    [t('incident.disputesQueued'), progress.disputesQueued],
    [t('incident.disputesProposed'), progress.disputesProposed],
    [t('incident.disputesRefused'), progress.disputesRefused],
    [t('incident.disputesAgreed'), progress.disputesAgreed],
    [t('incident.disputesWithdrawn'), progress.disputesWithdrawn],
    [t('incident.disputesClosed'), progress.disputesClosed],
    [t('incident.disputesOpen'), progress.disputesOpen],
  ];
  const number = new Intl.NumberFormat(i18n.locale);
  return (
    <article id={`incident-${incident.id}`} className="incident" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t('incident.heading', { listing: incident.listingId, cause: i18n.code('supplyCause', incident.cause) })}
      </h3>
      <p>
        <strong className={incident.status === 'OPEN' ? 'incident-open' : 'incident-closed'}>
          {i18n.code('incidentStatus', incident.status)}
        </strong>{' '}
        · {t('incident.opened')} <Instant iso={incident.openedAt} />
        {incident.closedAt ? (
          <>
            {' '}
            · {t('incident.closed')} <Instant iso={incident.closedAt} />
          </>
        ) : null}{' '}
        · {t('incident.restock')}{' '}
        {incident.expectedRestockAt ? <Instant iso={incident.expectedRestockAt} /> : t('incident.restockUnknown')} ·{' '}
        {i18n.code('supplyRemedy', incident.remedy)}
        {incident.waitUntil ? (
          <>
            {' '}
            (<Instant iso={incident.waitUntil} />)
          </>
        ) : null}
        {incident.skuIds.length ? <> · {t('incident.skus', { skus: incident.skuIds.join(', ') })}</> : null}
      </p>
      <p className="incident-summary">
        {progress.settled && progress.affectedOrders > 0
          ? t('incident.allSettled')
          : t('incident.summary', {
              settled: number.format(progress.ordersSettled),
              orders: number.format(progress.affectedOrders),
            })}
      </p>
      <dl className="figures incident-figures">
        {figures.map(([label, value]) => (
          <div key={label} className="figure">
            <dt className="figure-label">{label}</dt>
            <dd className="figure-value">{number.format(value)}</dd>
          </div>
        ))}
      </dl>
      {incident.orders.length || incident.disputes.length ? (
        <details>
          <summary>{t('incident.details')}</summary>
          {incident.orders.length ? (
            <table className="queue-table incident-orders">
              <caption>{t('incident.orders')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sellerDisputes.col.order')}</th>
                  <th scope="col">{t('incident.buyerLanguage')}</th>
                  <th scope="col">{t('incident.noticeSent')}</th>
                  <th scope="col">{t('incident.refundOffered')}</th>
                  <th scope="col">{t('incident.state')}</th>
                </tr>
              </thead>
              <tbody>
                {incident.orders.map((order) => (
                  <tr key={order.orderId}>
                    <td>
                      <code>{order.orderId}</code>
                    </td>
                    <td>{order.locale}</td>
                    <td>
                      <Instant iso={order.noticeRequestedAt} />
                    </td>
                    <td>
                      <Instant iso={order.refundOfferedAt} />
                    </td>
                    <td>{t(`incident.order.${orderStanding(order)}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {incident.disputes.length ? (
            <table className="queue-table incident-disputes">
              <caption>{t('incident.disputes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('incident.dispute')}</th>
                  <th scope="col">{t('sellerDisputes.col.order')}</th>
                  <th scope="col">{t('incident.proposal')}</th>
                  <th scope="col">{t('incident.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {incident.disputes.map((dispute) => (
                  <tr key={dispute.disputeId}>
                    <td>
                      <a href={`/seller/disputes/${dispute.disputeId}`} onClick={follow}>
                        {t('incident.openDispute', { order: dispute.orderId })}
                      </a>
                    </td>
                    <td>
                      <code>{dispute.orderId}</code>
                    </td>
                    <td>
                      {i18n.code('incidentProposal', dispute.state)}
                      {dispute.refusal ? <span className="muted"> — {dispute.refusal}</span> : null}
                    </td>
                    <td>{i18n.code('incidentOutcome', dispute.outcome)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </details>
      ) : null}
    </article>
  );
}
