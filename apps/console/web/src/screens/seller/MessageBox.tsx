import { useEffect, useId, useState } from 'react';
import { api, data } from '../../api/client';
import { useI18n } from '../../i18n';
import { languageName, segments, templateText, type ReplyTemplate, type ToneFinding } from './desk';

/** The tone lint as the seller types (after a short pause): findings warn and never block. */
function useToneFindings(body: string): ToneFinding[] {
  const [findings, setFindings] = useState<ToneFinding[]>([]);
  useEffect(() => {
    if (!body.trim()) {
      setFindings([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      data<{ ok: boolean; findings: ToneFinding[] }>(
        api.negotiation.POST('/v1/messages/lint', { body: { body } }),
      ).then(
        (report) => current && setFindings(report.findings),
        () => current && setFindings([]),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body]);
  return findings;
}

/**
 * The message to the buyer: tone coaching on the typed text (each finding highlighted on its words with the
 * suggested rewrite), reply templates for the dispute's reason in the buyer's language, the buyer's language named.
 */
export function MessageBox({
  disputeId,
  buyerLocale,
  value,
  onChange,
  label,
}: {
  disputeId: string;
  buyerLocale: string;
  value: string;
  onChange: (value: string) => void;
  label: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const findings = useToneFindings(value);
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    data<{ items: ReplyTemplate[] }>(api.negotiation.GET('/v1/templates', { params: { query: { disputeId } } })).then(
      (answer) => setTemplates(answer.items),
      () => setTemplates([]),
    );
  }, [disputeId]);

  const parts = segments(value, findings);
  return (
    <div className="message-box">
      <p className="muted">{t('composer.buyerLanguage', { language: languageName(buyerLocale, i18n.locale) })}</p>
      {templates && templates.length ? (
        <div className="inline-form">
          <label className="field">
            <span>{t('composer.template')}</span>
            <select value={chosen} onChange={(event) => setChosen(event.target.value)}>
              <option value="">{t('composer.templateNone')}</option>
              {templates.map((template, index) => (
                <option key={`${template.locale}-${index}`} value={String(index)}>
                  {template.subject} ({template.locale})
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={chosen === ''}
            onClick={() => {
              const template = templates[Number(chosen)];
              if (template) onChange(templateText(template));
            }}
          >
            {t('composer.useTemplate')}
          </button>
        </div>
      ) : null}
      <label className="field" htmlFor={`${id}-body`}>
        <span>{label}</span>
      </label>
      <textarea
        id={`${id}-body`}
        rows={6}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-tone`}
      />
      <div id={`${id}-tone`} className="tone-coaching" aria-live="polite">
        {findings.length === 0 ? (
          value.trim() ? (
            <p className="muted">{t('composer.toneOk')}</p>
          ) : null
        ) : (
          <>
            <p className="tone-title">{t('composer.toneFindings', { n: findings.length })}</p>
            <p className="tone-preview">
              {parts.map((part, index) =>
                part.finding === undefined ? (
                  <span key={index}>{part.text}</span>
                ) : (
                  <mark key={index} title={findings[part.finding]?.suggestion}>
                    {part.text}
                  </mark>
                ),
              )}
            </p>
            <ul className="findings">
              {findings.map((finding, index) => (
                <li key={`${finding.rule}-${index}`}>
                  <strong>{i18n.code('tone', finding.rule.split(':')[0])}</strong>
                  {finding.excerpt ? (
                    <>
                      {' '}
                      <q>{finding.excerpt}</q>
                    </>
                  ) : null}
                  {finding.suggestion ? (
                    <>
                      {' '}
                      · {t('composer.suggestion')} <q>{finding.suggestion}</q>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
            <p className="muted">{t('composer.warnsOnly')}</p>
          </>
        )}
      </div>
    </div>
  );
}
