import type { BuyerContext, CaseView, DisputeDetail, Proposal, SellerMetrics, ThreadMessage } from '../../api/types';
import { durationParts, groupByDay } from '../../format/time';
import { useI18n } from '../../i18n';
import { Amount, Instant, Section } from '../../ui/bits';
import { SELLER_STANDARD } from '../../metrics/standards';

/** The predicted ruling: outcome, confidence, and each fact with what it cites. */
export function Prediction({ view }: { view: Pick<CaseView, 'predictedRuling'> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const prediction = view.predictedRuling;
  return (
    <Section id="prediction" title={t('case.prediction')}>
      {prediction ? (
        <>
          <p className="prediction-outcome">
            <strong>{i18n.code('outcome', prediction.outcome)}</strong>{' '}
            <span className="muted">{t('case.confidence', { value: i18n.percent(prediction.confidence) })}</span>
            {prediction.suggestedResolution?.refund ? (
              <>
                {' · '}
                {t('case.suggestedRefund')} <Amount money={prediction.suggestedResolution.refund} />
              </>
            ) : null}
          </p>
          <ol className="facts">
            {prediction.facts.map((fact, index) => (
              <li key={`${fact.code}-${index}`}>
                <span className={`favours favours-${fact.favours.toLowerCase()}`}>
                  {i18n.code('favours', fact.favours)}
                </span>{' '}
                {fact.statement}
                <br />
                <span className="citation">
                  {t('case.cites')} {i18n.code('citationKind', fact.citation.kind)} <code>{fact.citation.ref}</code>
                  {fact.citation.note ? <span className="muted"> ({fact.citation.note})</span> : null}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">{t('case.noPrediction')}</p>
      )}
    </Section>
  );
}

/** The listing as the buyer saw it when paying, with the audit findings in force then. */
export function ListingAtPurchase({
  view,
}: {
  view: Pick<CaseView, 'listingAtPurchase'> & { dispute: Pick<CaseView['dispute'], 'order'> };
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const snapshot = view.listingAtPurchase;
  if (!snapshot) {
    return (
      <Section id="listing" title={t('case.listing')}>
        <p className="muted">{t('case.noListing')}</p>
      </Section>
    );
  }
  const { listing, audit } = snapshot;
  const sku = listing.skus.find((candidate) => candidate.skuId === view.dispute.order.skuId) ?? listing.skus[0];
  return (
    <Section id="listing" title={t('case.listing')}>
      <h3 className="listing-title">{listing.title}</h3>
      <p className="muted">
        {listing.listingId}
        {snapshot.listingVersion ? ` · ${t('case.listingVersion', { version: snapshot.listingVersion })}` : ''} ·{' '}
        {listing.category}
      </p>
      <ul className="images">
        {listing.images.map((image, index) => (
          <li key={image.url}>
            <a href={image.url} target="_blank" rel="noreferrer noopener">
              <img
                src={image.url}
                alt={t('case.imageAlt', { n: index + 1, title: listing.title })}
                loading="lazy"
                width={96}
                height={96}
              />
            </a>
          </li>
        ))}
      </ul>
      <dl className="facts-grid">
        <dt>{t('case.saleUnit')}</dt>
        <dd>
          {listing.saleUnit.type === 'LOT'
            ? t('case.saleUnitLot', { pieces: listing.saleUnit.piecesPerLot ?? 0 })
            : t('case.saleUnitPiece')}
        </dd>
        <dt>{t('case.price')}</dt>
        <dd>
          {sku ? <Amount money={sku.price} /> : '—'}
          {sku ? <span className="muted"> · {sku.skuId}</span> : null}
        </dd>
        {Object.entries({ ...listing.attributes, ...(sku?.attributes ?? {}) }).map(([name, value]) => (
          <div key={name} className="facts-row">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('case.auditThen')}</h3>
      {audit ? (
        <>
          <p>
            {t('case.auditVerdict', { verdict: i18n.code('verdict', audit.verdict), score: audit.score })} ·{' '}
            <Instant iso={audit.auditedAt} />
          </p>
          <ul className="findings">
            {audit.findings.map((finding) => (
              <li key={finding.ruleId} className={`severity-${finding.severity.toLowerCase()}`}>
                <strong>{i18n.code('severity', finding.severity)}</strong> <code>{finding.ruleId}</code> (
                {finding.field}): {finding.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t('case.noAudit')}</p>
      )}
    </Section>
  );
}

export function OrderAndTracking({
  view,
}: {
  view: Pick<CaseView, 'tracking'> & {
    dispute: Pick<CaseView['dispute'], 'order' | 'orderId' | 'reason' | 'subReason' | 'requested' | 'description'>;
  };
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { order } = view.dispute;
  return (
    <Section id="order" title={t('case.order')}>
      <dl className="facts-grid">
        <dt>{t('case.orderId')}</dt>
        <dd>{view.dispute.orderId}</dd>
        <dt>{t('case.paid')}</dt>
        <dd>
          <Amount money={order.amount} /> · <Instant iso={order.paidAt} />
          {order.quantity ? <span className="muted"> · {t('case.quantity', { n: order.quantity })}</span> : null}
        </dd>
        <dt>{t('case.route')}</dt>
        <dd>
          {order.sellerCountry} → {order.buyerCountry}
        </dd>
        <dt>{t('case.shipped')}</dt>
        <dd>{order.shippedAt ? <Instant iso={order.shippedAt} /> : t('case.notShipped')}</dd>
        <dt>{t('case.promised')}</dt>
        <dd>{t('case.days', { n: order.promisedDeliveryDays })}</dd>
        <dt>{t('case.carrier')}</dt>
        <dd>{order.carrier ? `${order.carrier} · ${order.trackingNumber ?? '—'}` : '—'}</dd>
        <dt>{t('case.tracking')}</dt>
        <dd>
          {view.tracking ? (
            <>
              {i18n.code('tracking', view.tracking.status)} · <Instant iso={view.tracking.at} />
              {view.tracking.deliveredAt ? (
                <>
                  {' '}
                  · {t('case.delivered')} <Instant iso={view.tracking.deliveredAt} />
                </>
              ) : null}
            </>
          ) : order.trackingStatus ? (
            i18n.code('tracking', order.trackingStatus)
          ) : (
            t('case.noTracking')
          )}
        </dd>
      </dl>
      <h3>{t('case.claim')}</h3>
      <p>
        {i18n.code('reason', view.dispute.reason)} · {i18n.code('subReason', view.dispute.subReason)} ·{' '}
        {t('case.requested', { type: i18n.code('proposalType', view.dispute.requested.type) })}{' '}
        <Amount money={view.dispute.requested.refund} />
      </p>
      <blockquote className="description">{view.dispute.description}</blockquote>
    </Section>
  );
}

export function EvidenceList({ view }: { view: CaseView }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Section id="evidence" title={t('case.evidence')}>
      {view.dispute.evidence.length === 0 ? (
        <p className="muted">{t('case.noEvidence')}</p>
      ) : (
        <ul className="evidence">
          {view.dispute.evidence.map((evidence) => (
            <li key={evidence.evidenceId}>
              <strong>{i18n.code('evidenceKind', evidence.kind)}</strong>{' '}
              <a href={evidence.url} target="_blank" rel="noreferrer noopener">
                {evidence.url}
              </a>{' '}
              <span className="muted">
                <Instant iso={evidence.addedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The thread, with the tone findings on the seller's messages beside the words they point at. */
export function Thread({ view, messages }: { view: CaseView; messages: ThreadMessage[] | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list: ThreadMessage[] = messages ?? view.messages;
  return (
    <Section id="messages" title={t('case.messages')}>
      {list.length === 0 ? (
        <p className="muted">{t('case.noMessages')}</p>
      ) : (
        <ol className="thread">
          {list.map((message) => {
            const findings = message.author.role === 'SELLER' ? (message.lint?.findings ?? []) : [];
            return (
              <li key={message.messageId} className={`message from-${message.author.role.toLowerCase()}`}>
                <p className="message-meta">
                  <strong>{i18n.code('role', message.author.role)}</strong> {message.author.id} ·{' '}
                  <Instant iso={message.postedAt ?? message.createdAt} />
                </p>
                <p className="message-body">{message.body}</p>
                {findings.length ? (
                  <div className="tone">
                    <p className="tone-title">{t('case.toneFindings', { count: findings.length })}</p>
                    <ul>
                      {findings.map((finding, index) => (
                        <li key={`${finding.rule}-${index}`}>
                          <strong>{i18n.code('tone', finding.rule)}</strong>
                          {finding.span ? (
                            <>
                              {': '}
                              <q>{message.body.slice(finding.span.start, finding.span.end)}</q>
                            </>
                          ) : null}
                          {finding.suggestion ? <span className="muted"> — {finding.suggestion}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}

export function Proposals({ proposals }: { proposals: Proposal[] | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rounds = new Map<number, Proposal[]>();
  for (const proposal of proposals ?? []) {
    const round = proposal.round ?? 1;
    rounds.set(round, [...(rounds.get(round) ?? []), proposal]);
  }
  return (
    <Section id="proposals" title={t('case.proposals')}>
      {proposals === null ? (
        <p className="muted">{t('common.unavailable')}</p>
      ) : rounds.size === 0 ? (
        <p className="muted">{t('case.noProposals')}</p>
      ) : (
        [...rounds.entries()].map(([round, items]) => (
          <div key={round} className="round">
            <h3>{t('case.round', { n: round })}</h3>
            <ul>
              {items.map((proposal) => (
                <li key={proposal.proposalId}>
                  <strong>{i18n.code('role', proposal.by)}</strong> {i18n.code('proposalType', proposal.type)}{' '}
                  {proposal.refund ? <Amount money={proposal.refund} /> : null}{' '}
                  <span className="muted">
                    · <Instant iso={proposal.submittedAt} />
                    {proposal.state ? ` · ${i18n.code('proposalState', proposal.state)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </Section>
  );
}

/** Seller metrics against the standard a seller is held to (metrics/standards, shared with the seller's own page). */
export function SellerStanding({ metrics }: { metrics: SellerMetrics }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rows: [string, number, number, boolean][] = [
    [
      t('case.escalationRate'),
      metrics.escalationRate,
      SELLER_STANDARD.escalationRate,
      metrics.escalationRate <= SELLER_STANDARD.escalationRate,
    ],
    [
      t('case.atFaultRate'),
      metrics.sellerAtFaultRate,
      SELLER_STANDARD.sellerAtFaultRate,
      metrics.sellerAtFaultRate <= SELLER_STANDARD.sellerAtFaultRate,
    ],
    [
      t('case.answeredShare'),
      metrics.answeredWithinDeadlineShare,
      SELLER_STANDARD.answeredWithinDeadlineShare,
      metrics.answeredWithinDeadlineShare >= SELLER_STANDARD.answeredWithinDeadlineShare,
    ],
  ];
  return (
    <Section id="seller" title={t('case.seller', { id: metrics.sellerId })}>
      <table className="compact">
        <caption>{t('case.sellerWindow', { days: metrics.windowDays, disputes: metrics.disputes })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('case.metric')}</th>
            <th scope="col" className="numeric">
              {t('case.value')}
            </th>
            <th scope="col" className="numeric">
              {t('case.standard')}
            </th>
            <th scope="col">{t('case.meets')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value, standard, meets]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="numeric">{i18n.percent(value)}</td>
              <td className="numeric">{i18n.percent(standard)}</td>
              <td className={meets ? 'meets' : 'misses'}>{meets ? t('case.meetsYes') : t('case.meetsNo')}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('case.firstResponse')}</th>
            <td className="numeric">
              {metrics.medianFirstResponseMs === null
                ? '—'
                : i18n.duration(durationParts(metrics.medianFirstResponseMs))}
            </td>
            <td />
            <td />
          </tr>
        </tbody>
      </table>
    </Section>
  );
}

export function BuyerContextPanel({ context }: { context: BuyerContext | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Section id="buyer" title={t('case.buyer')}>
      {context === null ? (
        <p className="muted">{t('common.unavailable')}</p>
      ) : (
        <>
          <p>
            {context.buyerId} · {t('case.buyerOrders', { n: context.orders.length })} ·{' '}
            {t('case.buyerDisputes', { n: context.disputes.length })} · {t('case.totalPaid')}{' '}
            {context.totalPaid.map((money) => i18n.money(money)).join(', ') || '—'}
          </p>
          {context.rfm ? (
            <p>
              {t('case.segment')} <strong>{i18n.code('segment', context.rfm.segment)}</strong>
              {context.rfm.flags.map((flag) => (
                <span key={flag} className="flag">
                  {i18n.code('flag', flag)}
                </span>
              ))}
            </p>
          ) : null}
          <ul>
            {context.disputes.map((dispute) => (
              <li key={dispute.disputeId}>
                {i18n.code('reason', dispute.reason)} · {i18n.code('disputeStatus', dispute.status)}
                {dispute.outcome ? ` · ${i18n.code('outcome', dispute.outcome)}` : ''} ·{' '}
                <Instant iso={dispute.openedAt} />
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

interface TimelineEntry {
  at: string;
  who: string;
  what: string;
  note?: string;
}

/** The case's history by day, naming who did each thing: the dispute's events, the escalation's, adjustments. */
export function Timeline({ view, detail }: { view: CaseView; detail: DisputeDetail | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const entries: TimelineEntry[] = [];
  for (const event of detail?.history ?? []) {
    // A deadline adjustment is listed below from the deadline itself, with its reason code.
    if (event.type === 'dispute.deadline_adjusted') continue;
    const actor = event.data.actor;
    entries.push({
      at: event.occurredAt,
      who: actor ? `${i18n.code('role', actor.role)} ${actor.id}` : t('case.system'),
      what: i18n.code('event', event.type),
    });
  }
  for (const entry of view.history) {
    if (entry.action === 'ESCALATED' && detail) continue; // the dispute's own event says it, with the actor
    entries.push({
      at: entry.at,
      who: entry.by ? `${i18n.code('role', 'STAFF')} ${entry.by}` : t('case.system'),
      what: i18n.code('escalationAction', entry.action),
      ...(entry.note && entry.note !== entry.by ? { note: entry.note } : {}),
    });
  }
  for (const deadline of view.deadlines) {
    for (const adjustment of deadline.adjustments ?? []) {
      entries.push({
        at: adjustment.at,
        who: `${i18n.code('role', 'STAFF')} ${adjustment.by}`,
        what: t('case.adjusted', {
          action: i18n.code('adjustment', adjustment.action),
          kind: i18n.code('deadlineKind', deadline.kind),
          reason: i18n.code('reasonCode', adjustment.reasonCode),
        }),
        ...(adjustment.note ? { note: adjustment.note } : {}),
      });
    }
  }
  const days = groupByDay(entries, (entry) => entry.at);
  return (
    <Section id="history" title={t('case.history')}>
      {days.map(([day, list]) => (
        <div key={day} className="day">
          <h3>{i18n.day(day)}</h3>
          <ol className="timeline">
            {list.map((entry, index) => (
              <li key={`${entry.at}-${index}`}>
                <Instant iso={entry.at} /> · <strong>{entry.who}</strong> · {entry.what}
                {entry.note ? <span className="muted"> ({entry.note})</span> : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </Section>
  );
}
