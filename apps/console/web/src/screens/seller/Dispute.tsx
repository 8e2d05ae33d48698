import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiProblem, data } from '../../api/client';
import type { BuyerContext as StaffBuyerContext, CaseView } from '../../api/types';
import { useI18n, type MessageKey } from '../../i18n';
import { follow } from '../../router';
import { Amount, DueCountdown, Instant, Loading, ProblemNotice, Section, useNow } from '../../ui/bits';
import { BuyerContextPanel, ListingAtPurchase, OrderAndTracking, Prediction, Proposals } from '../staff/CaseSections';
import {
  checkCounter,
  COUNTER_TYPES,
  sellerDueAt,
  type BuyerContext,
  type DisputeView,
  type MessageView,
  type ProposalType,
} from './desk';
import { EvidenceFiles, EvidenceUpload } from './Evidence';
import { MessageBox } from './MessageBox';

type Prediction = CaseView['predictedRuling'];
const RETURN_CONDITIONS = ['AS_EXPECTED', 'DAMAGED', 'EMPTY_OR_DIFFERENT', 'MISSING_ITEMS'] as const;
type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

const settle = <T,>(promise: Promise<T>) =>
  promise.then(
    (value) => value,
    () => null,
  );

/** One dispute as its seller works it: what the buyer asks, what the services know, and the seller's actions. */
export default function Dispute({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const now = useNow();
  const [view, setView] = useState<DisputeView | null>(null);
  const [prediction, setPrediction] = useState<Prediction>(null);
  const [context, setContext] = useState<BuyerContext | null>(null);
  const [messages, setMessages] = useState<MessageView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const next = await data<DisputeView>(api.intake.GET('/v1/disputes/{id}', { params: { path: { id } } }));
      setView(next);
      setError(null);
      const [predicted, buyer, thread] = await Promise.all([
        settle(
          data<NonNullable<Prediction>>(
            api.escalations.GET('/v1/disputes/{disputeId}/predicted-ruling', { params: { path: { disputeId: id } } }),
          ),
        ),
        settle(data<BuyerContext>(api.negotiation.GET('/v1/disputes/{id}/context', { params: { path: { id } } }))),
        settle(
          data<{ items: MessageView[] }>(
            api.negotiation.GET('/v1/disputes/{id}/messages', { params: { path: { id }, query: { limit: 100 } } }),
          ),
        ),
      ]);
      setPrediction(predicted);
      setContext(buyer);
      setMessages(thread?.items ?? null);
    } catch (failure) {
      setError(failure);
    }
  }, [id]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 4_000);
    return () => clearInterval(timer);
  }, [load]);

  const shown = view !== null;
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);

  if (error instanceof ApiProblem && error.status === 404 && !view) {
    return (
      <div className="not-found">
        <h1>{t('sellerDispute.notFound')}</h1>
        <p>{t('sellerDispute.notFoundBody')}</p>
        <p>
          <a href="/seller/disputes" onClick={follow}>
            {t('sellerDispute.back')}
          </a>
        </p>
      </div>
    );
  }
  if (error && !view) return <ProblemNotice error={error} />;
  if (!view) return <Loading />;

  const due = sellerDueAt(view);
  const caseLike = {
    predictedRuling: prediction,
    listingAtPurchase: (view.listingAtPurchase ?? null) as CaseView['listingAtPurchase'],
    tracking: null,
    dispute: view as unknown as CaseView['dispute'],
  };

  return (
    <div className="case seller-dispute">
      <p className="breadcrumb">
        <a href="/seller/disputes" onClick={follow}>
          {t('seller.nav.disputes')}
        </a>
      </p>
      <header className="case-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('sellerDispute.heading', { reason: i18n.code('reason', view.reason), order: view.orderId })}
        </h1>
        <dl className="summary">
          <div>
            <dt>{t('case.status')}</dt>
            <dd className="dispute-status">{i18n.code('disputeStatus', view.status)}</dd>
          </div>
          <div>
            <dt>{t('sellerDispute.yourDeadline')}</dt>
            <dd>
              {due ? (
                <>
                  <Instant iso={due} /> · <DueCountdown dueAt={due} now={now} />
                </>
              ) : (
                t('case.noClock')
              )}
            </dd>
          </div>
          <div>
            <dt>{t('sellerDispute.asks')}</dt>
            <dd>
              {i18n.code('proposalType', view.requested.type)} · <Amount money={view.requested.refund} />
            </dd>
          </div>
          <div>
            <dt>{t('sellerDispute.opened')}</dt>
            <dd>
              <Instant iso={view.openedAt} />
            </dd>
          </div>
        </dl>
        <ProblemNotice error={error} />
      </header>
      <div className="case-columns">
        <div className="case-main">
          <AgreementPanel view={view} />
          <OrderAndTracking view={caseLike} />
          <EvidenceFiles view={view} />
          <ListingAtPurchase view={caseLike} />
          <Prediction view={caseLike} />
          <BuyerContextPanel context={context as unknown as StaffBuyerContext | null} />
          <Proposals proposals={view.proposals.all} />
          <Deadlines view={view} now={now} />
          <Thread view={view} messages={messages} onPosted={load} />
        </div>
        <aside className="case-actions" aria-label={t('case.actions')}>
          <Actions view={view} onDone={load} />
          <Section id="upload" title={t('evidence.add')}>
            <EvidenceUpload disputeId={view.id} onUploaded={load} />
          </Section>
        </aside>
      </div>
    </div>
  );
}

function AgreementPanel({ view }: { view: DisputeView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const agreement = view.agreement;
  if (!agreement) return null;
  return (
    <Section id="agreement" title={t('sellerDispute.agreement')}>
      <p className="agreement">
        {t('sellerDispute.agreed', {
          type: i18n.code('proposalType', agreement.type),
          by: i18n.code('role', agreement.proposedBy),
          acceptedBy: i18n.code('role', agreement.acceptedBy),
        })}{' '}
        <Amount money={agreement.refund} /> · <Instant iso={agreement.at} />
      </p>
    </Section>
  );
}

function Deadlines({ view, now }: { view: DisputeView; now: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Section id="deadlines" title={t('sellerDispute.deadlines')}>
      {view.deadlines.length === 0 ? (
        <p className="muted">{t('case.noClock')}</p>
      ) : (
        <ul>
          {view.deadlines.map((deadline) => (
            <li key={deadline.kind}>
              <strong>{i18n.code('deadlineKind', deadline.kind)}</strong> ·{' '}
              {deadline.dueAt ? (
                <>
                  <Instant iso={deadline.dueAt} />
                  {deadline.kind === 'BUYER_ESCALATION_OPENS' ? null : (
                    <>
                      {' '}
                      · <DueCountdown dueAt={deadline.dueAt} now={now} />
                    </>
                  )}
                </>
              ) : (
                t('sellerDispute.paused')
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Thread({
  view,
  messages,
  onPosted,
}: {
  view: DisputeView;
  messages: MessageView[] | null;
  onPosted: () => Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState('');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim() || busy) return;
    setBusy(true);
    try {
      await api.negotiation.POST('/v1/disputes/{id}/messages', { params: { path: { id: view.id } }, body: { body } });
      setBody('');
      setSent(t('sellerDispute.messageSent'));
      setError(null);
      await onPosted();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="thread" title={t('case.messages')}>
      {messages === null ? (
        <p className="muted">{t('common.unavailable')}</p>
      ) : messages.length === 0 ? (
        <p className="muted">{t('sellerDispute.noMessages')}</p>
      ) : (
        <ol className="thread">
          {messages.map((message) => (
            <li key={message.messageId} className={`message from-${message.author.role.toLowerCase()}`}>
              <p className="message-meta">
                <strong>{i18n.code('role', message.author.role)}</strong> · <Instant iso={message.postedAt} />
              </p>
              <p className="message-body">{message.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={(event) => void send(event)}>
        <MessageBox
          disputeId={view.id}
          buyerLocale={view.buyerLocale}
          value={body}
          onChange={setBody}
          label={t('sellerDispute.writeToBuyer')}
        />
        <button type="submit" disabled={busy || !body.trim()}>
          {t('sellerDispute.sendMessage')}
        </button>
        <p role="status" className="status-line">
          {sent}
        </p>
        <ProblemNotice error={error} />
      </form>
    </Section>
  );
}

/** The seller's actions in the dispute's current state; every refusal is explained by ProblemNotice. */
function Actions({ view, onDone }: { view: DisputeView; onDone: () => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState<MessageKey | null>(null);
  const [type, setType] = useState<ProposalType>('REFUND_ONLY');
  const [amount, setAmount] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [condition, setCondition] = useState<ReturnCondition>('AS_EXPECTED');
  const [note, setNote] = useState('');

  const act = async (call: () => Promise<unknown>, done: MessageKey) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await call();
      setSaid(done);
      await onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const awaiting = view.status === 'AWAITING_SELLER' || view.status === 'OPENED';
  const buyerOffer = view.status === 'NEGOTIATING' ? view.proposals.buyer : null;
  const path = { params: { path: { id: view.id } } };

  const reject = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkCounter({ type, amount, expiresAt, message }, view.order.amount, Date.now());
    if (!checked.ok) {
      setProblem(t(`sellerDispute.counter.${checked.problem}`));
      return;
    }
    setProblem(null);
    void act(
      () =>
        api.negotiation.POST('/v1/disputes/{id}/responses', {
          ...path,
          body: { action: 'REJECT', proposal: checked.proposal, message, expectedVersion: view.version },
        }),
      'sellerDispute.rejected',
    );
  };

  return (
    <Section id="actions" title={t('sellerDispute.actions')}>
      <p role="status" className="status-line">
        {said ? t(said) : ''}
      </p>
      <ProblemNotice error={error} />
      {awaiting ? (
        <>
          <div className="button-row">
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void act(
                  () =>
                    api.negotiation.POST('/v1/disputes/{id}/responses', {
                      ...path,
                      body: { action: 'ACCEPT', expectedVersion: view.version },
                    }),
                  'sellerDispute.accepted',
                )
              }
            >
              {t('sellerDispute.accept', { amount: i18n.money(view.requested.refund) })}
            </button>
          </div>
          <form className="counter-form" onSubmit={reject} noValidate>
            <h3>{t('sellerDispute.rejectTitle')}</h3>
            <fieldset>
              <legend>{t('sellerDispute.counterType')}</legend>
              {COUNTER_TYPES.map((value) => (
                <label key={value} className="radio">
                  <input
                    type="radio"
                    name="counter-type"
                    value={value}
                    checked={type === value}
                    onChange={() => setType(value)}
                  />{' '}
                  {i18n.code('proposalType', value)}
                </label>
              ))}
            </fieldset>
            {type === 'REFUND_ONLY' || type === 'RETURN_AND_REFUND' ? (
              <label className="field">
                <span>
                  {t('sellerDispute.counterAmount', {
                    paid: i18n.money(view.order.amount),
                    currency: view.order.amount.currency,
                  })}
                </span>
                <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
              </label>
            ) : null}
            <label className="field">
              <span>{t('sellerDispute.counterExpiry')}</span>
              <input type="datetime-local" value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />
            </label>
            <MessageBox
              disputeId={view.id}
              buyerLocale={view.buyerLocale}
              value={message}
              onChange={setMessage}
              label={t('sellerDispute.counterMessage')}
            />
            {problem ? (
              <p className="field-error" role="alert">
                {problem}
              </p>
            ) : null}
            <button type="submit" disabled={busy}>
              {t('sellerDispute.reject')}
            </button>
          </form>
        </>
      ) : null}
      {buyerOffer && buyerOffer.by === 'BUYER' ? (
        <div className="buyer-offer">
          <p>
            {t('sellerDispute.buyerOffers', { type: i18n.code('proposalType', buyerOffer.type) })}{' '}
            {buyerOffer.refund ? <Amount money={buyerOffer.refund} /> : null}
          </p>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void act(
                () =>
                  api.negotiation.POST('/v1/disputes/{id}/proposals/{proposalId}/accept', {
                    params: { path: { id: view.id, proposalId: buyerOffer.proposalId } },
                    body: { expectedVersion: view.version },
                  }),
                'sellerDispute.acceptedOffer',
              )
            }
          >
            {t('sellerDispute.acceptOffer')}
          </button>
        </div>
      ) : null}
      {view.status === 'RETURN_IN_TRANSIT' ? (
        <form
          className="receipt-form"
          onSubmit={(event) => {
            event.preventDefault();
            void act(
              () =>
                api.negotiation.POST('/v1/disputes/{id}/return-receipt', {
                  ...path,
                  body: { condition, ...(note.trim() ? { note: note.trim() } : {}), expectedVersion: view.version },
                }),
              'sellerDispute.receiptConfirmed',
            );
          }}
        >
          <h3>{t('sellerDispute.receiptTitle')}</h3>
          <label className="field">
            <span>{t('sellerDispute.condition')}</span>
            <select value={condition} onChange={(event) => setCondition(event.target.value as ReturnCondition)}>
              {RETURN_CONDITIONS.map((value) => (
                <option key={value} value={value}>
                  {t(`returnCondition.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('sellerDispute.receiptNote')}</span>
            <input type="text" value={note} onChange={(event) => setNote(event.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t('sellerDispute.confirmReceipt')}
          </button>
        </form>
      ) : null}
      {!awaiting && !(buyerOffer && buyerOffer.by === 'BUYER') && view.status !== 'RETURN_IN_TRANSIT' ? (
        <p className="muted">{t('sellerDispute.nothingToDo')}</p>
      ) : null}
    </Section>
  );
}
