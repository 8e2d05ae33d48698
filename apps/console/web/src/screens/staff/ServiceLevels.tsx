import { useEffect, useState } from 'react';
import { api, data } from '../../api/client';
import type { EscalationMetrics, ServiceLevel } from '../../api/types';
import { durationParts } from '../../format/time';
import { useI18n } from '../../i18n';
import { follow, useLocation } from '../../router';
import { BarChart } from '../../ui/BarChart';
import { Loading, ProblemNotice, Section } from '../../ui/bits';

const WINDOWS = ['7d', '30d', '90d'] as const;
type Window = (typeof WINDOWS)[number];

/** Time to ruling (p50/p90), overdue share and agreed after escalation, overall and per member, 7/30/90 days. */
export default function ServiceLevels() {
  const i18n = useI18n();
  const { t } = i18n;
  const location = useLocation();
  const requested = location.query.get('window');
  const window: Window = (WINDOWS as readonly string[]).includes(requested ?? '') ? (requested as Window) : '30d';
  // The figures remember the window they answer, so a switch of window never shows the previous one's for a render.
  const [loaded, setLoaded] = useState<{ window: Window; metrics: EscalationMetrics } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const metrics = loaded?.window === window ? loaded.metrics : null;

  useEffect(() => {
    let current = true;
    data<EscalationMetrics>(api.escalations.GET('/v1/escalations/metrics', { params: { query: { window } } })).then(
      (value) => {
        if (!current) return;
        setLoaded({ window, metrics: value });
        setError(null);
      },
      (problem: unknown) => current && setError(problem),
    );
    return () => {
      current = false;
    };
  }, [window]);

  const time = (ms: number | null) => (ms === null ? '—' : i18n.duration(durationParts(ms)));
  const rows: [string, ServiceLevel][] = metrics
    ? [
        [t('levels.overall'), metrics.overall],
        ...metrics.perStaff.map((level): [string, ServiceLevel] => [level.staffId, level]),
      ]
    : [];

  return (
    <div className="levels">
      <h1>{t('levels.title')}</h1>
      <nav className="tabs" aria-label={t('levels.window')}>
        {WINDOWS.map((name) => (
          <a
            key={name}
            href={`/service-levels?window=${name}`}
            onClick={follow}
            aria-current={name === window ? 'page' : undefined}
          >
            {t(`levels.window.${name}`)}
          </a>
        ))}
      </nav>
      <ProblemNotice error={error} />
      {metrics === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <div className="figures">
            <div className="figure">
              <p className="figure-label">{t('levels.p50')}</p>
              <p className="figure-value">{time(metrics.overall.timeToRulingMs.p50)}</p>
            </div>
            <div className="figure">
              <p className="figure-label">{t('levels.p90')}</p>
              <p className="figure-value">{time(metrics.overall.timeToRulingMs.p90)}</p>
            </div>
            <div className="figure">
              <p className="figure-label">{t('levels.overdueShare')}</p>
              <p className="figure-value">{i18n.percent(metrics.overall.overdueShare)}</p>
            </div>
            <div className="figure">
              <p className="figure-label">{t('levels.agreedShare')}</p>
              <p className="figure-value">{i18n.percent(metrics.overall.agreedAfterEscalationShare)}</p>
            </div>
            <div className="figure">
              <p className="figure-label">{t('levels.escalations')}</p>
              <p className="figure-value">
                {t('levels.ruledOf', { ruled: metrics.overall.ruled, total: metrics.overall.escalations })}
              </p>
            </div>
          </div>
          <Section id="levels-time" title={t('levels.timeChart')}>
            <BarChart
              title={t('levels.timeChart')}
              series={[t('levels.p50'), t('levels.p90')]}
              bars={rows.map(([label, level]) => ({
                label,
                values: [level.timeToRulingMs.p50, level.timeToRulingMs.p90],
                texts: [time(level.timeToRulingMs.p50), time(level.timeToRulingMs.p90)],
              }))}
            />
          </Section>
          <Section id="levels-shares" title={t('levels.shareChart')}>
            <BarChart
              title={t('levels.shareChart')}
              series={[t('levels.overdueShare'), t('levels.agreedShare')]}
              bars={rows.map(([label, level]) => ({
                label,
                values: [level.overdueShare, level.agreedAfterEscalationShare],
                texts: [i18n.percent(level.overdueShare), i18n.percent(level.agreedAfterEscalationShare)],
              }))}
            />
          </Section>
          <Section id="levels-table" title={t('levels.table')}>
            <table>
              <caption>{t('levels.since', { since: i18n.instant(metrics.since) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('levels.member')}</th>
                  <th scope="col" className="numeric">
                    {t('levels.escalations')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('levels.ruled')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('levels.p50')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('levels.p90')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('levels.overdueShare')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('levels.agreedShare')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map(([label, level]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td className="numeric">{level.escalations}</td>
                    <td className="numeric">{level.ruled}</td>
                    <td className="numeric">{time(level.timeToRulingMs.p50)}</td>
                    <td className="numeric">{time(level.timeToRulingMs.p90)}</td>
                    <td className="numeric">{i18n.percent(level.overdueShare)}</td>
                    <td className="numeric">{i18n.percent(level.agreedAfterEscalationShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </div>
  );
}
