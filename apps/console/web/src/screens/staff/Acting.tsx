import { useId, useMemo, useState, type FormEvent } from 'react';
import { api, type SessionView } from '../../api/client';
import {
  REASON_CODES,
  type CaseView,
  type Deadline,
  type DeadlineReasonCode,
  type RulingOutcome,
} from '../../api/types';
import { buildCitations, CITATION_ORDER, type CitableItem } from '../../case/citations';
import { checkRefund, rulingPreview } from '../../case/preview';
import { parseMajor, toMajor } from '../../format/money';
import { useI18n, type MessageKey, type Said } from '../../i18n';
import { Amount, DueCountdown, Instant, ProblemNotice, Section } from '../../ui/bits';

const OUTCOMES: RulingOutcome[] = ['REFUND_BUYER', 'PARTIAL_REFUND', 'RETURN_AND_REFUND', 'SELLER_FAVOUR'];

/** Claim (or, for a lead, reassign); who holds the case, in words. */
export function ClaimPanel({
  view,
  session,
  onDone,
}: {
  view: CaseView;
  session: SessionView;
  onDone: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { escalation } = view;
  const me = session.staffId ?? session.keyId;
  const lead = session.role === 'lead';
  const [assignTo, setAssignTo] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Said>(null);
  const open = escalation.status === 'OPEN' || escalation.status === 'CLAIMED';

  async function claim(target?: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.escalations.POST('/v1/escalations/{id}/claim', {
        params: { path: { id: escalation.id } },
        body: target ? { assignTo: target } : {},
      });
      setDone(target ? { key: 'claim.reassignedTo', args: { who: target } } : { key: 'claim.claimedByYou' });
      setAssignTo('');
      await onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  function reassign(event: FormEvent) {
    event.preventDefault();
    if (assignTo.trim()) void claim(assignTo.trim());
  }

  return (
    <Section id="claim" title={t('claim.title')}>
      <p>
        {escalation.claimedBy
          ? escalation.claimedBy === me
            ? t('claim.heldByYou')
            : t('claim.heldBy', { who: escalation.claimedBy })
          : t('claim.nobody')}
        {escalation.claimedAt ? (
          <span className="muted">
            {' '}
            · <Instant iso={escalation.claimedAt} />
          </span>
        ) : null}
      </p>
      {open && escalation.claimedBy !== me ? (
        escalation.claimedBy && !lead ? (
          <p className="muted">{t('claim.onlyLead')}</p>
        ) : (
          <button type="button" disabled={busy} onClick={() => void claim()}>
            {escalation.claimedBy ? t('claim.takeOver') : t('claim.claim')}
          </button>
        )
      ) : null}
      {open && lead ? (
        <form className="inline-form" onSubmit={reassign}>
          <label htmlFor="assign-to">{t('claim.assignTo')}</label>
          <input
            id="assign-to"
            value={assignTo}
            onChange={(event) => setAssignTo(event.target.value)}
            autoComplete="off"
          />
          <button type="submit" disabled={busy || !assignTo.trim()}>
            {t('claim.reassign')}
          </button>
        </form>
      ) : null}
      <p role="status" className="status-line">
        {done ? t(done.key, done.args) : ''}
      </p>
      <ProblemNotice error={error} />
    </Section>
  );
}

const EXTENSIONS: [string, MessageKey][] = [
  ['PT1H', 'deadline.by.1h'],
  ['PT4H', 'deadline.by.4h'],
  ['P1D', 'deadline.by.1d'],
  ['P2D', 'deadline.by.2d'],
  ['P7D', 'deadline.by.7d'],
];

/** Which clock runs, its due time and every pause or extension; extend, pause or resume with a reason code. */
export function DeadlinesPanel({ view, now, onDone }: { view: CaseView; now: number; onDone: () => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const live = view.deadlines.filter((deadline) => deadline.status === 'PENDING' || deadline.status === 'PAUSED');
  const past = view.deadlines.filter((deadline) => !live.includes(deadline) && deadline.adjustments?.length);
  return (
    <Section id="deadlines" title={t('deadline.title')}>
      {live.length === 0 ? <p className="muted">{t('deadline.noneRunning')}</p> : null}
      {live.map((deadline) => (
        <DeadlineControl
          key={deadline.deadlineId}
          deadline={deadline}
          disputeId={view.dispute.id}
          now={now}
          onDone={onDone}
        />
      ))}
      {past.map((deadline) => (
        <div key={deadline.deadlineId} className="deadline">
          <p>
            <strong>{i18n.code('deadlineKind', deadline.kind)}</strong> · {i18n.code('deadlineStatus', deadline.status)}
          </p>
          <Adjustments deadline={deadline} />
        </div>
      ))}
    </Section>
  );
}

function Adjustments({ deadline }: { deadline: Deadline }) {
  const i18n = useI18n();
  if (!deadline.adjustments?.length) return null;
  return (
    <ul className="adjustments">
      {deadline.adjustments.map((adjustment) => (
        <li key={adjustment.at}>
          {i18n.code('adjustment', adjustment.action)} · {i18n.code('reasonCode', adjustment.reasonCode)} ·{' '}
          {adjustment.by} · <Instant iso={adjustment.at} />
          {adjustment.dueAt ? (
            <>
              {' '}
              → <Instant iso={adjustment.dueAt} />
            </>
          ) : null}
          {adjustment.note ? <span className="muted"> ({adjustment.note})</span> : null}
        </li>
      ))}
    </ul>
  );
}

function DeadlineControl({
  deadline,
  disputeId,
  now,
  onDone,
}: {
  deadline: Deadline;
  disputeId: string;
  now: number;
  onDone: () => Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const paused = deadline.status === 'PAUSED';
  const [action, setAction] = useState<'extend' | 'pause' | 'resume'>(paused ? 'resume' : 'extend');
  const [by, setBy] = useState('P1D');
  const [reasonCode, setReasonCode] = useState<DeadlineReasonCode | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState(false);
  const [done, setDone] = useState<Said>(null);
  const [busy, setBusy] = useState(false);
  const effective = paused ? 'resume' : action === 'resume' ? 'extend' : action;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reasonCode) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await api.escalations.POST(`/v1/disputes/{disputeId}/deadlines/{kind}/${effective}`, {
        params: { path: { disputeId, kind: deadline.kind } },
        body: { reasonCode, ...(note.trim() ? { note: note.trim() } : {}), ...(effective === 'extend' ? { by } : {}) },
      });
      setDone({ key: `deadline.done.${effective}` });
      setNote('');
      setReasonCode('');
      await onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="deadline">
      <p>
        <strong>{i18n.code('deadlineKind', deadline.kind)}</strong> ({i18n.code('party', deadline.party)}) ·{' '}
        {paused ? (
          t('deadline.pausedWith', { left: i18n.duration(countdownParts(deadline.remainingMs ?? 0)) })
        ) : deadline.dueAt ? (
          <>
            <Instant iso={deadline.dueAt} /> · <DueCountdown dueAt={deadline.dueAt} now={now} />
          </>
        ) : null}
      </p>
      <Adjustments deadline={deadline} />
      <form
        className="adjust-form"
        onSubmit={(event) => void submit(event)}
        aria-label={t('deadline.formLabel', { kind: i18n.code('deadlineKind', deadline.kind) })}
      >
        <fieldset>
          <legend>{t('deadline.action')}</legend>
          {(paused ? ['resume'] : ['extend', 'pause']).map((name) => (
            <label key={name} className="radio">
              <input
                type="radio"
                name={`${id}-action`}
                value={name}
                checked={effective === name}
                onChange={() => setAction(name as typeof action)}
              />
              {t(`deadline.action.${name as 'extend' | 'pause' | 'resume'}`)}
            </label>
          ))}
        </fieldset>
        {effective === 'extend' ? (
          <div className="field">
            <label htmlFor={`${id}-by`}>{t('deadline.by')}</label>
            <select id={`${id}-by`} value={by} onChange={(event) => setBy(event.target.value)}>
              {EXTENSIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {t(label)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('deadline.reasonCode')}</label>
          <select
            id={`${id}-reason`}
            value={reasonCode}
            onChange={(event) => setReasonCode(event.target.value as DeadlineReasonCode)}
            aria-invalid={invalid && !reasonCode}
            aria-describedby={invalid && !reasonCode ? `${id}-reason-error` : undefined}
            required
          >
            <option value="">{t('deadline.chooseReason')}</option>
            {REASON_CODES.map((code) => (
              <option key={code} value={code}>
                {i18n.code('reasonCode', code)}
              </option>
            ))}
          </select>
          {invalid && !reasonCode ? (
            <p id={`${id}-reason-error`} className="field-error">
              {t('deadline.reasonRequired')}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('deadline.note')}</label>
          <textarea
            id={`${id}-note`}
            value={note}
            maxLength={2000}
            rows={2}
            onChange={(event) => setNote(event.target.value)}
          />
          <p className="muted">{t('deadline.noteHelp')}</p>
        </div>
        <button type="submit" disabled={busy}>
          {t(`deadline.submit.${effective}`)}
        </button>
      </form>
      <p role="status" className="status-line">
        {done ? t(done.key, done.args) : ''}
      </p>
      <ProblemNotice error={error} />
    </div>
  );
}

function countdownParts(ms: number) {
  const parts: { unit: 'd' | 'h' | 'min' | 's'; value: number }[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ] as const) {
    const value = Math.floor(rest / size);
    rest -= value * size;
    if (value > 0 || parts.length) parts.push({ unit, value });
    if (parts.length === 2) break;
  }
  return parts.length ? parts : [{ unit: 's' as const, value: 0 }];
}

export interface RulingDraft {
  outcome: RulingOutcome | '';
  refund: string;
  rationale: string;
  ticked: Set<string>;
}

/**
 * The ruling: outcome, refund in major units (sent in minor units, never above what was paid), rationale and
 * citations ticked from the case; a preview says what happens to each party before anything is sent. The draft
 * lives in the case screen, so a refusal loses nothing.
 */
export function RulingForm({
  view,
  items,
  draft,
  setDraft,
  onRuled,
  hasNext,
}: {
  view: CaseView;
  items: CitableItem[];
  draft: RulingDraft;
  setDraft: (update: (draft: RulingDraft) => RulingDraft) => void;
  onRuled: (openNext: boolean) => Promise<void>;
  hasNext: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const paid = view.dispute.order.amount;
  const [stage, setStage] = useState<'edit' | 'preview'>('edit');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const open = view.escalation.status === 'OPEN' || view.escalation.status === 'CLAIMED';

  const refundCheck = useMemo(() => {
    if (!draft.outcome) return null;
    const typed = draft.refund.trim() ? parseMajor(draft.refund, paid.currency) : null;
    return checkRefund(draft.outcome, typed, paid);
  }, [draft.outcome, draft.refund, paid]);
  const citations = buildCitations(items, draft.ticked);
  const problems = {
    outcome: !draft.outcome,
    refund: refundCheck !== null && !refundCheck.ok,
    rationale: !draft.rationale.trim(),
    citations: citations.length === 0,
  };
  const valid = !Object.values(problems).some(Boolean);

  if (!open) {
    return (
      <Section id="ruling" title={t('ruling.title')}>
        {view.escalation.ruling ? (
          <>
            <p>
              <strong>{i18n.code('outcome', view.escalation.ruling.outcome)}</strong>{' '}
              {view.escalation.ruling.refund ? <Amount money={view.escalation.ruling.refund} /> : null} ·{' '}
              {view.escalation.ruledBy ?? view.escalation.rulingSubmittedBy} · <Instant iso={view.escalation.ruledAt} />
            </p>
            <blockquote>{view.escalation.ruling.rationale}</blockquote>
            <ul>
              {view.escalation.ruling.citations.map((citation) => (
                <li key={`${citation.kind}:${citation.ref}`}>
                  {i18n.code('citationKind', citation.kind)} <code>{citation.ref}</code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">
            {t('ruling.closed', { status: i18n.code('escalationStatus', view.escalation.status) })}
          </p>
        )}
      </Section>
    );
  }

  function toPreview(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (valid) {
      setStage('preview');
      setError(null);
    }
  }

  async function send(openNext: boolean) {
    if (!draft.outcome || !refundCheck?.ok) return;
    setBusy(true);
    setError(null);
    try {
      await api.escalations.POST('/v1/escalations/{id}/ruling', {
        params: { path: { id: view.escalation.id } },
        body: {
          outcome: draft.outcome,
          ...(refundCheck.refund && draft.outcome !== 'SELLER_FAVOUR' ? { refund: refundCheck.refund } : {}),
          rationale: draft.rationale.trim(),
          citations,
        },
      });
      await onRuled(openNext);
    } catch (failure) {
      setError(failure);
      setStage('edit');
    } finally {
      setBusy(false);
    }
  }

  const preview = draft.outcome && refundCheck?.ok ? rulingPreview(draft.outcome, refundCheck.refund, paid) : null;
  const refundError =
    refundCheck && !refundCheck.ok ? t(`ruling.refundProblem.${refundCheck.problem}`, { paid: i18n.money(paid) }) : '';

  return (
    <Section id="ruling" title={t('ruling.title')}>
      <ProblemNotice error={error} />
      {stage === 'edit' ? (
        <form onSubmit={toPreview} noValidate className="ruling-form">
          <fieldset aria-describedby={tried && problems.outcome ? 'outcome-error' : undefined}>
            <legend>{t('ruling.outcome')}</legend>
            {OUTCOMES.map((outcome) => (
              <label key={outcome} className="radio">
                <input
                  type="radio"
                  name="outcome"
                  value={outcome}
                  checked={draft.outcome === outcome}
                  onChange={() =>
                    setDraft((current) => ({
                      ...current,
                      outcome,
                      refund:
                        outcome === 'SELLER_FAVOUR'
                          ? ''
                          : outcome === 'PARTIAL_REFUND'
                            ? current.refund
                            : toMajor(paid.amountMinor, paid.currency),
                    }))
                  }
                />
                {i18n.code('outcome', outcome)}
              </label>
            ))}
            {tried && problems.outcome ? (
              <p id="outcome-error" className="field-error">
                {t('ruling.outcomeRequired')}
              </p>
            ) : null}
          </fieldset>
          {draft.outcome && draft.outcome !== 'SELLER_FAVOUR' ? (
            <div className="field">
              <label htmlFor="refund">{t('ruling.refund', { currency: paid.currency })}</label>
              <input
                id="refund"
                inputMode="decimal"
                autoComplete="off"
                value={draft.refund}
                readOnly={draft.outcome === 'REFUND_BUYER'}
                onChange={(event) => setDraft((current) => ({ ...current, refund: event.target.value }))}
                aria-invalid={problems.refund}
                aria-describedby="refund-help refund-error"
              />
              <p id="refund-help" className="muted">
                {t('ruling.refundHelp', { paid: i18n.money(paid) })}
              </p>
              <p id="refund-error" className="field-error">
                {refundError}
              </p>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="rationale">{t('ruling.rationale')}</label>
            <textarea
              id="rationale"
              rows={4}
              maxLength={10_000}
              value={draft.rationale}
              onChange={(event) => setDraft((current) => ({ ...current, rationale: event.target.value }))}
              aria-invalid={tried && problems.rationale}
              aria-describedby={tried && problems.rationale ? 'rationale-error' : undefined}
            />
            {tried && problems.rationale ? (
              <p id="rationale-error" className="field-error">
                {t('ruling.rationaleRequired')}
              </p>
            ) : null}
          </div>
          <fieldset
            className="citations"
            aria-describedby={tried && problems.citations ? 'citations-error' : undefined}
          >
            <legend>{t('ruling.citations', { count: citations.length })}</legend>
            {CITATION_ORDER.map((kind) => {
              const group = items.filter((candidate) => candidate.kind === kind);
              if (group.length === 0) return null;
              return (
                <div key={kind} className="citation-group">
                  <p className="citation-kind">{i18n.code('citationKind', kind)}</p>
                  {group.map((candidate) => (
                    <label key={candidate.id} className="check">
                      <input
                        type="checkbox"
                        checked={draft.ticked.has(candidate.id)}
                        onChange={(event) =>
                          setDraft((current) => {
                            const ticked = new Set(current.ticked);
                            if (event.target.checked) ticked.add(candidate.id);
                            else ticked.delete(candidate.id);
                            return { ...current, ticked };
                          })
                        }
                      />
                      <span>{candidate.label}</span>
                    </label>
                  ))}
                </div>
              );
            })}
            {tried && problems.citations ? (
              <p id="citations-error" className="field-error">
                {t('ruling.citationsRequired')}
              </p>
            ) : null}
          </fieldset>
          <button type="submit">{t('ruling.preview')}</button>
        </form>
      ) : preview && draft.outcome ? (
        <div className="preview" role="region" aria-labelledby="preview-title">
          <h3 id="preview-title">{t('ruling.previewTitle')}</h3>
          <dl className="facts-grid">
            <dt>{t('ruling.outcome')}</dt>
            <dd>{i18n.code('outcome', draft.outcome)}</dd>
            <dt>{t('ruling.toBuyer')}</dt>
            <dd>
              {preview.buyer.refund
                ? t('ruling.buyerRefund', { amount: i18n.money(preview.buyer.refund) })
                : t('ruling.buyerNothing')}
              {preview.buyer.returnsItem ? ` ${t('ruling.buyerReturns')}` : ''}
            </dd>
            <dt>{t('ruling.toSeller')}</dt>
            <dd>
              {preview.seller.paysBack
                ? t('ruling.sellerPays', { amount: i18n.money(preview.seller.paysBack) })
                : t('ruling.sellerKeeps')}{' '}
              {t('ruling.sellerWebhooks', { webhooks: preview.seller.webhooks.join(', ') })}
            </dd>
            <dt>{t('ruling.inFavourOf')}</dt>
            <dd>{i18n.code('favours', preview.inFavourOf)}</dd>
            <dt>{t('ruling.rationale')}</dt>
            <dd className="pre">{draft.rationale.trim()}</dd>
            <dt>{t('ruling.citations', { count: citations.length })}</dt>
            <dd>
              <ul>
                {citations.map((citation) => (
                  <li key={`${citation.kind}:${citation.ref}`}>
                    {i18n.code('citationKind', citation.kind)} <code>{citation.ref}</code>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          <div className="button-row">
            <button type="button" className="button-quiet" onClick={() => setStage('edit')} disabled={busy}>
              {t('ruling.edit')}
            </button>
            <button type="button" onClick={() => void send(false)} disabled={busy}>
              {t('ruling.send')}
            </button>
            {hasNext ? (
              <button type="button" onClick={() => void send(true)} disabled={busy}>
                {t('ruling.sendAndNext')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
    </Section>
  );
}
