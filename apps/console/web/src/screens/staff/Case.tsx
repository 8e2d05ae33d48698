import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, data, type SessionView } from '../../api/client';
import type { BuyerContext, CaseView, DisputeDetail, Escalation, Page, Proposal, ThreadMessage } from '../../api/types';
import { citableItems, suggestedTicks } from '../../case/citations';
import { useI18n, type Said } from '../../i18n';
import { byDueTime } from '../../queue/views';
import { follow, navigate } from '../../router';
import { DueCountdown, Instant, Loading, ProblemNotice, Section, useNow } from '../../ui/bits';
import type { DisputeView } from '../seller/desk';
import { EvidenceFiles, EvidenceUpload } from '../seller/Evidence';
import { ClaimPanel, DeadlinesPanel, RulingForm, type RulingDraft } from './Acting';
import {
  BuyerContextPanel,
  EvidenceList,
  ListingAtPurchase,
  OrderAndTracking,
  Prediction,
  Proposals,
  SellerStanding,
  Thread,
  Timeline,
} from './CaseSections';

interface Around {
  /** dispute-intake's view: its history, and the evidence files Settle holds with their checklist. */
  detail: (DisputeDetail & Pick<DisputeView, 'evidenceFiles' | 'evidenceChecklist'>) | null;
  proposals: Proposal[] | null;
  messages: ThreadMessage[] | null;
  context: BuyerContext | null;
}

const emptyDraft = (): RulingDraft => ({ outcome: '', refund: '', rationale: '', ticked: new Set() });

/** The whole case on one screen: what happened, what the services know, and the actions on the right. */
export default function Case({ id, session }: { id: string; session: SessionView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const now = useNow();
  const [view, setView] = useState<CaseView | null>(null);
  const [around, setAround] = useState<Around>({ detail: null, proposals: null, messages: null, context: null });
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraftState] = useState<RulingDraft>(emptyDraft);
  const [ruled, setRuled] = useState<Said>(null);
  const seeded = useRef<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const next = await data<CaseView>(api.escalations.GET('/v1/escalations/{id}', { params: { path: { id } } }));
      setView(next);
      setError(null);
      const disputeId = next.dispute.id;
      const settle = <T,>(promise: Promise<T>) =>
        promise.then(
          (value) => value,
          () => null,
        );
      const [detail, proposals, messages, context] = await Promise.all([
        settle(
          data<NonNullable<Around['detail']>>(
            api.intake.GET('/v1/disputes/{id}', { params: { path: { id: disputeId } } }),
          ),
        ),
        settle(
          data<{ items: Proposal[] }>(
            api.negotiation.GET('/v1/disputes/{id}/proposals', { params: { path: { id: disputeId } } }),
          ),
        ),
        settle(
          data<Page<ThreadMessage>>(
            api.negotiation.GET('/v1/disputes/{id}/messages', {
              params: { path: { id: disputeId }, query: { limit: 100 } },
            }),
          ),
        ),
        settle(
          data<BuyerContext>(api.negotiation.GET('/v1/disputes/{id}/context', { params: { path: { id: disputeId } } })),
        ),
      ]);
      setAround({ detail, proposals: proposals?.items ?? null, messages: messages?.items ?? null, context });
    } catch (failure) {
      setError(failure);
    }
  }, [id]);

  useEffect(() => {
    setView(null);
    setRuled(null);
    setDraftState(emptyDraft());
    seeded.current = null;
    void load();
  }, [load]);

  const items = useMemo(() => (view ? citableItems(view) : []), [view]);
  useEffect(() => {
    // Start from the predicted ruling's citations, once per case (never overwriting what the person ticked).
    if (view && seeded.current !== view.escalation.id) {
      seeded.current = view.escalation.id;
      setDraftState((current) => (current.ticked.size ? current : { ...current, ticked: suggestedTicks(view, items) }));
      heading.current?.focus();
    }
  }, [view, items]);

  const setDraft = useCallback((update: (draft: RulingDraft) => RulingDraft) => setDraftState(update), []);

  const onRuled = useCallback(
    async (openNext: boolean) => {
      setRuled({ key: 'ruling.sent' });
      if (openNext) {
        const queue = await data<Page<Escalation>>(
          api.escalations.GET('/v1/escalations', { params: { query: { limit: 100 } } }),
        );
        const next = queue.items
          .filter(
            (item) =>
              item.id !== id &&
              (item.status === 'OPEN' ||
                (item.status === 'CLAIMED' && item.claimedBy === (session.staffId ?? session.keyId))),
          )
          .sort(byDueTime)[0];
        navigate(next ? `/cases/${next.id}` : '/');
        return;
      }
      await load();
    },
    [id, load, session],
  );

  if (error && !view) return <ProblemNotice error={error} />;
  if (!view) return <Loading />;
  const { escalation, dispute } = view;
  const open = escalation.status === 'OPEN' || escalation.status === 'CLAIMED';
  const running = view.deadlines.find((deadline) => deadline.status === 'PENDING' || deadline.status === 'PAUSED');
  // The ruling SLA as it runs now (an extension moves it); the escalation's own dueAt is when it was first due.
  const sla = view.deadlines.find(
    (deadline) =>
      deadline.kind === 'STAFF_RULING_SLA' && (deadline.status === 'PENDING' || deadline.status === 'PAUSED'),
  );
  const dueAt = sla?.dueAt ?? escalation.dueAt;

  return (
    <div className="case">
      <p className="breadcrumb">
        <a href="/" onClick={follow}>
          {t('nav.queue')}
        </a>
      </p>
      <header className="case-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('case.heading', { reason: i18n.code('reason', dispute.reason), id: dispute.id.slice(-8) })}
        </h1>
        <dl className="summary">
          <div>
            <dt>{t('case.status')}</dt>
            <dd>
              {i18n.code('escalationStatus', escalation.status)} · {i18n.code('disputeStatus', dispute.status)}
            </dd>
          </div>
          <div>
            <dt>{t('case.clock')}</dt>
            <dd>
              {running
                ? `${i18n.code('deadlineKind', running.kind)} · ${i18n.code('deadlineStatus', running.status)}`
                : t('case.noClock')}
            </dd>
          </div>
          <div>
            <dt>{t('case.due')}</dt>
            <dd>
              <Instant iso={dueAt} /> ·{' '}
              <DueCountdown dueAt={dueAt} now={now} done={!open} overdue={!sla && escalation.overdue} />
            </dd>
          </div>
          <div>
            <dt>{t('case.escalated')}</dt>
            <dd>
              <Instant iso={escalation.escalatedAt} /> · {i18n.code('cause', escalation.cause)}
            </dd>
          </div>
          <div>
            <dt>{t('case.parties')}</dt>
            <dd>
              {t('case.buyerShort')} {dispute.buyerId} · {t('case.sellerShort')} {dispute.sellerId}
            </dd>
          </div>
          <div>
            <dt>{t('case.export')}</dt>
            <dd>
              <a
                href={`/api/dispute-intake/v1/disputes/${encodeURIComponent(dispute.id)}/export`}
                download={`dispute-${dispute.id}.json`}
              >
                {t('case.download')}
              </a>
            </dd>
          </div>
        </dl>
        <p role="status" className="status-line">
          {ruled ? t(ruled.key, ruled.args) : ''}
        </p>
        <ProblemNotice error={error} />
      </header>
      <div className="case-columns">
        <div className="case-main">
          <Prediction view={view} />
          <ListingAtPurchase view={view} />
          <OrderAndTracking view={view} />
          {around.detail ? <EvidenceFiles view={around.detail} /> : <EvidenceList view={view} />}
          <Thread view={view} messages={around.messages} />
          <Proposals proposals={around.proposals} />
          <SellerStanding metrics={view.sellerMetrics} />
          <BuyerContextPanel context={around.context} />
          <Timeline view={view} detail={around.detail} />
        </div>
        <aside className="case-actions" aria-label={t('case.actions')}>
          <ClaimPanel view={view} session={session} onDone={load} />
          <DeadlinesPanel view={view} now={now} onDone={load} />
          <RulingForm view={view} items={items} draft={draft} setDraft={setDraft} onRuled={onRuled} hasNext />
          <Section id="upload" title={t('evidence.add')}>
            <EvidenceUpload disputeId={dispute.id} onUploaded={load} />
          </Section>
        </aside>
      </div>
    </div>
  );
}
