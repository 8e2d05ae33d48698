import { useEffect, useState, type ReactNode } from 'react';
import { ApiProblem } from '../api/client';
import { codeKey, useI18n } from '../i18n';
import type { Money } from '../format/money';
import { countdown } from '../format/time';

/** An instant in the viewer's zone; UTC on hover. */
export function Instant({ iso }: { iso: string | null | undefined }) {
  const { instant, utcTitle } = useI18n();
  if (!iso) return <>—</>;
  return (
    <time dateTime={iso} title={utcTitle(iso)}>
      {instant(iso)}
    </time>
  );
}

export function Amount({ money }: { money: Money | null | undefined }) {
  const i18n = useI18n();
  return <>{money ? i18n.money(money) : '—'}</>;
}

/** Ticks every second while mounted (countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Time to the due instant as text and as colour (the text carries the meaning; the colour only repeats it). */
export function DueCountdown({
  dueAt,
  now,
  done,
  overdue,
}: {
  dueAt: string;
  now: number;
  done?: boolean;
  overdue?: boolean;
}) {
  const i18n = useI18n();
  if (done) return <span className="tone-done">{i18n.t('countdown.done')}</span>;
  const due = Date.parse(dueAt);
  // The service's word wins when it says overdue (this page's clock may run a little behind).
  const value = countdown(due, overdue ? Math.max(now, due) : now);
  return (
    <span className={`countdown tone-${value.tone}`} title={i18n.utcTitle(dueAt)}>
      <span aria-hidden="true" className="dot" />
      {i18n.countdownText(value)}
    </span>
  );
}

/** A refusal in plain words (the service's own words beneath), announced to screen readers. */
export function ProblemNotice({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  const byCode = problem?.code ? codeKey('problem', problem.code) : undefined;
  const byStatus = problem ? codeKey('problem.status', String(problem.status)) : undefined;
  const headline = byCode ? t(byCode) : byStatus ? t(byStatus) : t('problem.unknown');
  return (
    <div role="alert" className="notice notice-error">
      <p className="notice-headline">{headline}</p>
      {problem?.detail ? (
        <p className="notice-detail">
          {t('problem.serviceSaid')} <q>{problem.detail}</q>
        </p>
      ) : null}
      {problem?.fields.length ? (
        <ul>
          {problem.fields.map((field) => (
            <li key={field.field}>
              <code>{field.field}</code> {field.message}
            </li>
          ))}
        </ul>
      ) : null}
      {problem ? null : (
        <p className="notice-detail">{error instanceof Error ? error.message : JSON.stringify(error)}</p>
      )}
    </div>
  );
}

export function Section({
  id,
  title,
  children,
  actions,
}: {
  id: string;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <header className="panel-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="muted">
      {t('common.loading')}
    </p>
  );
}

/** A key shortcut applies only when the person is not typing in a field. */
export function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
}
